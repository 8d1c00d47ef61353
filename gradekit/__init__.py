"""gradekit: autograding, quiz sheets and reference models for Generative AI courses."""

__version__ = "0.1.0"
