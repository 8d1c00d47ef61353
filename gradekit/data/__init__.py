"""Image data that needs no download: bundled digits, local MNIST files, local PNG folders.

Every loader returns an ``ImageSplit`` of float32 images in [0, 1]; missing or
unreadable files raise ``DataError`` naming the path and the expected files.
``spec`` parses the commands' ``--data`` option, the one place it is parsed.
"""

from gradekit.data.digits import load_digits_split
from gradekit.data.folder import load_image_folder, read_png
from gradekit.data.images import DataError, ImageSplit, resize_images
from gradekit.data.mnist import load_mnist, parse_idx, read_idx
from gradekit.data.spec import DATA_HELP, DataSpec, load_data, parse_data

__all__ = ["DATA_HELP", "DataError", "DataSpec", "ImageSplit", "load_data", "load_digits_split",
           "load_image_folder", "load_mnist", "parse_data", "parse_idx", "read_idx", "read_png", "resize_images"]
