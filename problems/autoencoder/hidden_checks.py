"""Hidden checks: the losses against the reference, and the trained models on held-out digits."""

import torch
from hypothesis import example, given

from gradekit.calc.autoencoder import reconstruction_loss, sparsity_penalty
from gradekit.grading.api import check, expect_close, expect_real, expect_tensor, tensor

from .metrics import PROBLEM, convolutional, sparse, undercomplete
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


def _after(run: dict) -> str:
    return f"after {run['steps']} training steps"


@check(points=3)
def reconstructs_held_out_digits(student):
    """The trained Autoencoder(64, 16) reconstructs held-out digits: mean squared error below the threshold"""
    run = undercomplete(student)
    return PROBLEM.threshold("undercomplete_mse").judge(run["test_mse"], "held-out reconstruction error",
                                                        unit="per pixel", digits=3, after=_after(run))


@check(points=2)
def codes_feed_a_linear_classifier(student):
    """A logistic regression on the trained Autoencoder's 16-number codes recognises held-out digits"""
    run = undercomplete(student)
    # anchor: the classifier reads codes that training made (an encoder no gradient reached classifies
    # digits too, as any random projection of them does)
    PROBLEM.threshold("code_change").judge(run["test_code_change"], "relative change of the codes in training",
                                           digits=3, after=_after(run))
    return PROBLEM.threshold("probe_accuracy").judge(run["probe_accuracy"],
                                                     "a linear classifier on the codes: accuracy", digits=3,
                                                     after=_after(run))


@check(points=2)
def sparse_codes_are_mostly_silent(student):
    """The trained SparseAutoencoder(64, 128) leaves most code units at 0 and still reconstructs the digits"""
    run = sparse(student)
    silent = PROBLEM.threshold("sparse_inactive").judge(run["inactive"], "fraction of code values at 0",
                                                        digits=3, after=_after(run))
    error = PROBLEM.threshold("sparse_mse").judge(run["test_mse"], "held-out reconstruction error",
                                                  unit="per pixel", digits=3)
    return f"{silent}; {error}"


@check(points=3)
def conv_autoencoder_reconstructs_held_out_digits(student):
    """The trained ConvAutoencoder(8, 16) reconstructs held-out digits: mean squared error below the threshold"""
    run = convolutional(student)
    return PROBLEM.threshold("conv_mse").judge(run["test_mse"], "held-out reconstruction error",
                                               unit="per pixel", digits=3, after=_after(run))
