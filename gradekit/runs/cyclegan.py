"""``gradekit train cyclegan``: white and red digits (or two PNG folders), translated and cycled both ways.

Defaults are CPU-sized; on CUDA it trains ten times longer.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import numpy as np

from gradekit.data.domains import load_domains
from gradekit.figures import save_image_grid, save_loss_curves
from gradekit.models.cyclegan import CycleGANConfig, evaluate_translations, train_cyclegan, translate
from gradekit.models.signed_images import to_signed, to_unit
from gradekit.runs.settings import Result, Run

SHOWN = 10  # images per row of the figure
CYCLEGAN_STEPS = {"cpu": 400, "cuda": 4000}


def run_cyclegan(run: Run) -> Result:
    """CycleGAN between white and red digits (or two PNG folders): translations and cycles both ways."""
    pair = load_domains(run.image_data, seed=run.seed)
    train_a, train_b = to_signed(pair.train_a).to(run.device), to_signed(pair.train_b).to(run.device)
    defaults = CycleGANConfig()
    steps = run.settings.steps_for(min(len(train_a), len(train_b)), defaults.batch_size,
                                   CYCLEGAN_STEPS[run.device.type])
    config = replace(defaults, steps=steps, seed=run.seed)
    nets, history = train_cyclegan(train_a, train_b, config, on_step=run.track("CycleGAN", steps))
    translations = translate(nets, to_signed(pair.test_a).to(run.device), to_signed(pair.test_b).to(run.device))
    metrics = evaluate_translations(translations, pair)
    shown = {name: to_unit(batch[:SHOWN]) for name, batch in translations.items()}
    rows = [pair.test_a[:SHOWN], shown["a_to_b"], shown["a_cycled"], pair.test_b[:SHOWN], shown["b_to_a"],
            shown["b_cycled"]]
    figures = ["loss_curves.png", "translations.png"]
    save_loss_curves(run.out / figures[0], history.as_histories(), title=f"CycleGAN on {pair.name}",
                     ylabel="loss")
    save_image_grid(run.out / figures[1], np.stack(rows), title=f"held-out images of {pair.name}",
                    row_labels=["A", "G_AB(A)", "G_BA(G_AB(A))", "B", "G_BA(B)", "G_AB(G_BA(B))"])
    return {"config": asdict(config), "domains": pair.name, "metrics": metrics, "figures": figures}
