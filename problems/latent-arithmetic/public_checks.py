"""Public checks: the answer's shape and range, and that it decodes the sum of the groups' mean codes."""

import numpy as np

from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, tensor

INPUT_DIM, LATENT_DIM = 12, 3
GROUP_SIZES = ((3, 1, 3), (2, 4, 5))  # (k_a, k_b, k_c): b may be one image or a group, a and c differ


def groups(seed: int, queries: int, sizes: tuple[int, int, int]) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.random((queries, k, INPUT_DIM), dtype=np.float32) for k in sizes]


def arithmetic(student, seed: int, queries: int, sizes: tuple[int, int, int]):
    a, b, c = groups(seed, queries, sizes)
    out = student.harness("harness:untrained_arithmetic", INPUT_DIM, LATENT_DIM, seed, tensor(a), tensor(b), tensor(c))
    what = f"latent_arithmetic(model, a, b, c) for {queries} queries with groups of {sizes[0]}, {sizes[1]}, {sizes[2]}"
    return out, expect_tensor(out["result"], what, shape=(queries, INPUT_DIM)).array, what


@check(points=1)
def answer_is_one_decoded_image_per_query(student):
    """latent_arithmetic(model, a, b, c) with groups (Q, k, D) gives (Q, D): decoder outputs in [0, 1]"""
    for seed, sizes in enumerate(GROUP_SIZES):
        _, result, what = arithmetic(student, seed, 4, sizes)
        expect_true(bool(np.all((result >= 0) & (result <= 1))),
                    f"{what} has values outside [0, 1] (from {result.min():.3g} to {result.max():.3g}): "
                    "answer with the decoder's output")
        # anchor: a constant answer also lies in [0, 1]; queries of different images get different answers
        expect_true(bool(np.abs(result[1:] - result[:1]).max() > 1e-6), f"{what} gives the same answer to every query")


@check(points=3)
def answer_decodes_the_sum_of_the_mean_codes(student):
    """The answer is decode(mean μ(a) + mean μ(b) − mean μ(c)), μ the encoder's mean, each mean over its group"""
    for seed, sizes in enumerate(GROUP_SIZES):
        queries = 3
        out, result, what = arithmetic(student, seed + 10, queries, sizes)
        codes = {}
        for name, k in zip("abc", sizes):
            mu = expect_tensor(out[f"mu_{name}"], f"encode({name})[0]", shape=(queries * k, LATENT_DIM)).array
            codes[name] = mu.reshape(queries, k, LATENT_DIM).mean(axis=1)
        z = codes["a"] + codes["b"] - codes["c"]  # (Q, latent)
        decoded = student.harness("harness:untrained_decode", INPUT_DIM, LATENT_DIM, seed + 10, tensor(z))
        expected = expect_tensor(decoded, "decode(z)", shape=(queries, INPUT_DIM)).array
        expect_close(result, expected, what, rtol=1e-4, atol=1e-5)
        # anchor: with a decoder that ignores its code, any constant answer equals decode(z)
        expect_true(bool(np.abs(expected[1:] - expected[:1]).max() > 1e-6),
                    "decode(z) gives the same image for every code: the decoder must use its code")
