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


def expect_varies(rows: np.ndarray, what: str) -> None:
    """Anchor of a law that a constant satisfies: different inputs give different outputs."""
    expect_true(bool(np.isfinite(rows).all() and np.abs(rows[1:] - rows[:1]).max() > 1e-6),
                f"{what} gives the same output for every input")


def steady_forward(student, name: str, kwargs: dict, x: np.ndarray, what: str) -> np.ndarray:
    """forward(x) of the model built from seed 0, asked twice: an untrained model in eval mode answers the
    same both times, and differently for different inputs (anchors of laws that constants and noise satisfy)."""
    first, second = (expect_tensor(outputs(student, name, kwargs, 0, x)["forward"], what, shape=x.shape).array
                     for _ in range(2))
    expect_close(second, first, f"{what} asked twice", rtol=1e-6, atol=1e-7)
    expect_varies(first, what)
    return first


@check(points=0, precondition=True, max_examples=8)
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
    kwargs = {"input_dim": input_dim, "code_dim": code_dim}
    out = outputs(student, "Autoencoder", kwargs, seed, x)
    forward = expect_tensor(out["forward"], "forward(x)", shape=x.shape).array
    decoded = expect_tensor(out["decode"], "decode(encode(x))", shape=x.shape).array
    expect_close(forward, decoded, "forward(x) vs decode(encode(x))", rtol=1e-5, atol=1e-6)
    # anchor: a model whose outputs are all one constant satisfies the law too; its decoder must use its code
    codes = 5 * np.random.default_rng(seed).standard_normal((2, code_dim)).astype(np.float32)
    expect_varies(expect_tensor(student.harness("harness:decoded", "Autoencoder", kwargs, seed, tensor(codes)),
                                "decode(codes)", shape=(2, input_dim)).array, "decode(code)")


@check(points=1)
def refuses_a_code_as_wide_as_the_input(student):
    """Autoencoder(input_dim=64, code_dim=64) or wider raises ValueError (no bottleneck); code_dim=63 builds"""
    for code_dim in (64, 100):
        raised = student.raises("ValueError", "Autoencoder", input_dim=64, code_dim=code_dim)
        expect_true(raised is not None and raised.is_a("ValueError"),
                    f"Autoencoder(input_dim=64, code_dim={code_dim}) should raise ValueError, but it "
                    + ("raised " + raised.type if raised else "built a model"))
    # anchor: a narrower code builds a model that works (a class that refuses everything refuses these too)
    x = 20 * np.random.default_rng(5).random((4, 64), dtype=np.float32)
    steady_forward(student, "Autoencoder", {"input_dim": 64, "code_dim": 63}, x,
                   "Autoencoder(input_dim=64, code_dim=63)(x of shape (4, 64))")


@check(points=1)
def sparse_codes_are_non_negative(student):
    """SparseAutoencoder(64, 128).encode gives (B, 128) codes >= 0 (ReLU), so the L1 penalty can silence units"""
    x = np.random.default_rng(0).random((6, 64), dtype=np.float32)
    out = outputs(student, "SparseAutoencoder", {"input_dim": 64, "code_dim": 128}, 0, 4 * x - 2)
    code = expect_tensor(out["encode"], "SparseAutoencoder(64, 128).encode(x of shape (6, 64))", shape=(6, 128)).array
    expect_tensor(out["forward"], "SparseAutoencoder(64, 128)(x of shape (6, 64))", shape=(6, 64))
    expect_true(bool((code >= 0).all()), f"SparseAutoencoder's codes go down to {code.min():.4g}; they should be >= 0")
    expect_varies(code, "SparseAutoencoder(64, 128).encode(x)")


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
    steady_forward(student, "ConvAutoencoder", {"side": side, "code_dim": code_dim}, x, f"{model}(x)")


MODELS = (("Autoencoder", {"input_dim": 64, "code_dim": 16}, (16,)),
          ("SparseAutoencoder", {"input_dim": 64, "code_dim": 128}, (128,)),
          ("ConvAutoencoder", {"side": 8, "code_dim": 16}, (16,)))


@check(points=2)
def decoders_give_pixels_in_0_1(student):
    """Each model's decode(code) lies in [0, 1] (a sigmoid at the end), even for large codes, and depends on the code"""
    rng = np.random.default_rng(4)
    for name, kwargs, code_shape in MODELS:
        codes = 10 * rng.standard_normal((3, *code_shape)).astype(np.float32)
        if name == "SparseAutoencoder":
            codes = np.abs(codes)  # its codes come out of a ReLU
        codes = np.concatenate([codes, 0 * codes[:1]])  # (4, ...): the last code is all zeros
        model = f"{name}({', '.join(f'{k}={v}' for k, v in kwargs.items())})"
        out = expect_tensor(student.harness("harness:decoded", name, kwargs, 0, tensor(codes)),
                            f"{model}.decode(codes of shape {codes.shape})", ndim=2 if name != "ConvAutoencoder"
                            else 4).array
        expect_true(bool(np.isfinite(out).all() and ((out >= 0) & (out <= 1)).all()),
                    f"{model}.decode(codes) gives values from {np.nanmin(out):.4g} to {np.nanmax(out):.4g}, "
                    "outside [0, 1]: pixels are in [0, 1], so end the decoder with a sigmoid")
        # anchor: a decoder that ignores its code (a constant image) also stays in [0, 1]
        expect_true(bool(np.abs(out[:-1] - out[-1:]).max() > 1e-6),
                    f"{model}.decode gives the same image for every code: the decoder must use its code")


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
