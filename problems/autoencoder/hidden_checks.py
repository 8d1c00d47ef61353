"""Hidden checks: the losses against the reference, and the trained models on held-out digits."""

import torch
from hypothesis import example, given

from gradekit.calc.autoencoder import reconstruction_loss, sparsity_penalty
from gradekit.grading.api import check, expect_close, expect_real, expect_tensor, expect_true, tensor

from .metrics import THRESHOLDS, convolutional, sparse, undercomplete
from .strategies import fixed_image_batch, image_batches


def scalar(value, what: str) -> float:
    return expect_real(expect_tensor(value, what, shape=()).array, what)


@check(points=1)
@given(batch=image_batches())
@example(batch=fixed_image_batch())
def reconstruction_loss_matches_the_reference(student, batch):
    """reconstruction_loss sums the squared error over each image's pixels and averages over the batch"""
    recon, x = batch
    got = scalar(student.reconstruction_loss(tensor(recon), tensor(x)), "reconstruction_loss(recon, x)")
    want = float(reconstruction_loss(torch.from_numpy(recon), torch.from_numpy(x)))
    expect_close(got, want, f"reconstruction_loss on inputs of shape {x.shape}", rtol=1e-5)


@check(points=1)
@given(batch=image_batches())
@example(batch=fixed_image_batch())
def sparsity_penalty_matches_the_reference(student, batch):
    """sparsity_penalty sums |h| over each code and averages over the batch"""
    code = batch[0] * 4 - 2
    got = scalar(student.sparsity_penalty(tensor(code)), "sparsity_penalty(code)")
    expect_close(got, float(sparsity_penalty(torch.from_numpy(code))), f"sparsity_penalty of shape {code.shape}",
                 rtol=1e-5)


def _steps(run: dict) -> str:
    return f"after {run['steps']} of {run['of_steps']} training steps"


@check(points=3)
def reconstructs_held_out_digits(student):
    """The trained Autoencoder(64, 16) reconstructs held-out digits: mean squared error below the threshold"""
    run, limit = undercomplete(student), THRESHOLDS["undercomplete_mse_max"]
    expect_true(run["test_mse"] <= limit, f"the held-out reconstruction error is {run['test_mse']:.4f} per pixel "
                                          f"{_steps(run)}; it should be at most {limit:g}")
    return f"reconstruction error {run['test_mse']:.4f} per pixel, at most {limit:g}"


@check(points=2)
def codes_feed_a_linear_classifier(student):
    """A logistic regression on the trained Autoencoder's 16-number codes recognises held-out digits"""
    run, limit = undercomplete(student), THRESHOLDS["probe_accuracy_min"]
    expect_true(run["probe_accuracy"] >= limit, f"a linear classifier on the codes is right on "
                                                f"{run['probe_accuracy']:.1%} of held-out digits {_steps(run)}; "
                                                f"it should reach {limit:.0%}")
    return f"a linear classifier on the codes right on {run['probe_accuracy']:.1%}, at least {limit:.0%}"


@check(points=2)
def sparse_codes_are_mostly_silent(student):
    """The trained SparseAutoencoder(64, 128) leaves most code units at 0 and still reconstructs the digits"""
    run = sparse(student)
    least, most = THRESHOLDS["sparse_inactive_min"], THRESHOLDS["sparse_mse_max"]
    expect_true(run["inactive"] >= least, f"only {run['inactive']:.1%} of the code values of held-out digits are 0 "
                                          f"{_steps(run)}; at least {least:.0%} should be")
    expect_true(run["test_mse"] <= most, f"the sparse model's held-out reconstruction error is "
                                         f"{run['test_mse']:.4f} per pixel; it should be at most {most:g}")
    return (f"{run['inactive']:.1%} of the code values 0 (at least {least:.0%}), "
            f"reconstruction error {run['test_mse']:.4f} (at most {most:g})")


@check(points=3)
def conv_autoencoder_reconstructs_held_out_digits(student):
    """The trained ConvAutoencoder(8, 16) reconstructs held-out digits: mean squared error below the threshold"""
    run, limit = convolutional(student), THRESHOLDS["conv_mse_max"]
    expect_true(run["test_mse"] <= limit, f"the held-out reconstruction error is {run['test_mse']:.4f} per pixel "
                                          f"{_steps(run)}; it should be at most {limit:g}")
    return f"reconstruction error {run['test_mse']:.4f} per pixel, at most {limit:g}"
