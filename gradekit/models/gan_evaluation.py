"""Compatibility only: ``problems/cgan/metrics.py`` imports these two from here. They live in
``gradekit.metrics``; import them from there, and delete this module once that problem does."""

from gradekit.metrics.image_fid import image_fid
from gradekit.metrics.samples import label_accuracy

__all__ = ["image_fid", "label_accuracy"]
