"""Metrics for generated samples, computed on the trusted side.

``frechet`` is the exact Fréchet distance between Gaussians and the feature
statistics it takes (pure numpy); the image FID modules add feature networks.
"""
