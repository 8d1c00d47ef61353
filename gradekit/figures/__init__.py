"""PNG figures: image grids, loss curves, and the GAN runs' losses, points and mode counts.

- ``canvas``: a figure on Matplotlib's Agg canvas (no pyplot state, no display);
- ``images``: grids of images (``save_image_grid``) and the ``mosaic`` under them;
- ``curves``: training and held-out loss curves (``save_loss_curves``);
- ``gans``: both losses of a GAN, point snapshots, the discriminator's feature plane, rings of modes.

Figures draw numbers they are given and import no model.
"""

from gradekit.figures.curves import save_loss_curves
from gradekit.figures.gans import (
                                   save_feature_space,
                                   save_gan_losses,
                                   save_mode_counts,
                                   save_point_snapshots,
                                   save_ring_runs,
)
from gradekit.figures.images import interpolation_column_labels, mosaic, save_image_grid

__all__ = ["interpolation_column_labels", "mosaic", "save_feature_space", "save_gan_losses", "save_image_grid",
           "save_loss_curves", "save_mode_counts", "save_point_snapshots", "save_ring_runs"]
