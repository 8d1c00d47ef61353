"""Public checks: shapes, the bottleneck, the code's sign, convolutions, and the losses' worked values."""

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_close, expect_real, expect_tensor, expect_true, tensor

from .strategies import fixed_undercomplete_inputs, undercomplete_inputs

CONV_SIDES = (8, 16, 28, 32)
CONVOLUTIONS = {"Conv2d", "ConvTranspose2d", "LazyConv2d", "LazyConvTranspose2d"}


def outputs(student, name: str, kwargs: dict, seed: int, x: np.ndarray) -> dict:
    return student.harness("harness:outputs", name, kwargs, seed, tensor(x))


def scalar(value, what: str) -> float:
    return expect_real(expect_tensor(value, what, shape=()).array, what)


@check(points=2, max_examples=8)
@given(inputs=undercomplete_inputs())
@example(inputs=fixed_undercomplete_inputs())
def codes_and_reconstructions_have_the_right_shapes(student, inputs):
    """Autoencoder(input_dim, code_dim): encode gives (B, code_dim); decode and forward give (B, input_dim)"""
    input_dim, code_dim, seed, x = inputs
    out = outputs(student, "Autoencoder", {"input_dim": input_dim, "code_dim": code_dim}, seed, x)
    model = f"Autoencoder(input_dim={input_dim}, code_dim={code_dim})"
    expect_tensor(out["encode"], f"{model}.encode(x of shape {x.shape})", shape=(len(x), code_dim))
    expect_tensor(out["decode"], f"{model}.decode(code)", shape=x.shape)
    expect_tensor(out["forward"], f"{model}(x of shape {x.shape})", shape=x.shape)


@check(points=1, max_examples=8)
@given(inputs=undercomplete_inputs())
@example(inputs=fixed_undercomplete_inputs())
def forward_decodes_the_code(student, inputs):
    """forward(x) is decode(encode(x)): everything the output knows passes through the code"""
    input_dim, code_dim, seed, x = inputs
    out = outputs(student, "Autoencoder", {"input_dim": input_dim, "code_dim": code_dim}, seed, x)
    forward = expect_tensor(out["forward"], "forward(x)", shape=x.shape).array
    decoded = expect_tensor(out["decode"], "decode(encode(x))", shape=x.shape).array
    expect_close(forward, decoded, "forward(x) vs decode(encode(x))", rtol=1e-5, atol=1e-6)


@check(points=1)
def refuses_a_code_as_wide_as_the_input(student):
    """Autoencoder(input_dim=64, code_dim=64) or wider raises ValueError: no bottleneck, no autoencoder"""
    for code_dim in (64, 100):
        raised = student.raises("ValueError", "Autoencoder", input_dim=64, code_dim=code_dim)
        expect_true(raised is not None and raised.is_a("ValueError"),
                    f"Autoencoder(input_dim=64, code_dim={code_dim}) should raise ValueError, but it "
                    + ("raised " + raised.type if raised else "built a model"))


@check(points=1)
def sparse_codes_are_non_negative(student):
    """SparseAutoencoder(64, 128).encode gives (B, 128) codes >= 0 (ReLU), so the L1 penalty can silence units"""
    x = np.random.default_rng(0).random((6, 64), dtype=np.float32)
    out = outputs(student, "SparseAutoencoder", {"input_dim": 64, "code_dim": 128}, 0, 4 * x - 2)
    code = expect_tensor(out["encode"], "SparseAutoencoder(64, 128).encode(x of shape (6, 64))", shape=(6, 128)).array
    expect_tensor(out["forward"], "SparseAutoencoder(64, 128)(x of shape (6, 64))", shape=(6, 64))
    expect_true(bool((code >= 0).all()), f"SparseAutoencoder's codes go down to {code.min():.4g}; they should be >= 0")


@check(points=1, max_examples=4)
@given(side=st.sampled_from(CONV_SIDES), code_dim=st.integers(2, 32))
@example(side=8, code_dim=16)
def conv_autoencoder_keeps_the_image_shape(student, side, code_dim):
    """ConvAutoencoder(side, code_dim) maps (B, 1, side, side) to codes (B, code_dim) and back, with convolutions"""
    x = np.random.default_rng(side).random((3, 1, side, side), dtype=np.float32)
    out = outputs(student, "ConvAutoencoder", {"side": side, "code_dim": code_dim}, 0, x)
    model = f"ConvAutoencoder(side={side}, code_dim={code_dim})"
    expect_tensor(out["encode"], f"{model}.encode(x of shape {x.shape})", shape=(3, code_dim))
    expect_tensor(out["forward"], f"{model}(x of shape {x.shape})", shape=x.shape)
    layers = out["layers"]
    expect_true(isinstance(layers, list) and bool(CONVOLUTIONS & set(map(str, layers))),
                f"{model} has no nn.Conv2d or nn.ConvTranspose2d layer (its layers: {layers})")


@check(points=1)
def reconstruction_loss_sums_pixels_and_averages_images(student):
    """reconstruction_loss([[1, 0], [0, 0]], [[0, 0], [0, 2]]) = (1 + 4) / 2 = 2.5"""
    recon, x = np.array([[1.0, 0.0], [0.0, 0.0]], np.float32), np.array([[0.0, 0.0], [0.0, 2.0]], np.float32)
    value = scalar(student.reconstruction_loss(tensor(recon), tensor(x)), "reconstruction_loss(recon, x)")
    expect_close(value, 2.5, "reconstruction_loss([[1, 0], [0, 0]], [[0, 0], [0, 2]])", rtol=1e-6)


@check(points=1)
def sparsity_penalty_is_the_mean_l1_norm(student):
    """sparsity_penalty([[1, -2, 0], [0, 0, 3]]) = (3 + 3) / 2 = 3"""
    code = np.array([[1.0, -2.0, 0.0], [0.0, 0.0, 3.0]], np.float32)
    value = scalar(student.sparsity_penalty(tensor(code)), "sparsity_penalty(code)")
    expect_close(value, 3.0, "sparsity_penalty([[1, -2, 0], [0, 0, 3]])", rtol=1e-6)
