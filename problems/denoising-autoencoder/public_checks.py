"""Public checks: where the patch noise goes, what it is, and the denoiser's shape."""

import numpy as np
from hypothesis import example, given
from scipy import stats

from gradekit.grading.api import check, expect_close, expect_tensor, expect_true, generator, tensor

from .strategies import changed_boxes, fixed_images_and_patch, images_and_patch

POSITION_IMAGES = 800  # 6x6 images, 3x3 patch: 16 places, 50 expected at each
UNIFORM_IMAGES = 200  # 8x8 images, 4x4 patch: 3,200 noise values


def corrupt(student, images: np.ndarray, patch: int, seed: int) -> tuple[np.ndarray, dict]:
    """The student's add_patch_noise(images, patch, generator(seed)), checked for shape; and the harness reply."""
    reply = student.harness("harness:corrupt", tensor(images), patch, seed)
    what = f"add_patch_noise(images of shape {images.shape}, patch={patch}, generator)"
    return expect_tensor(reply["noisy"], what, shape=images.shape).array, reply


def expect_noisy_copy(images: np.ndarray, noisy: np.ndarray, what: str) -> None:
    """Anchor of the laws a trivial answer satisfies (the input unchanged, zeros, a constant): each image
    comes back with some of its pixels kept and some changed, and the changed ones are not one constant."""
    changed = images != noisy
    kept_some = bool((~changed).reshape(len(images), -1).any(axis=1).all())
    changed_some = bool(changed.reshape(len(images), -1).any(axis=1).all())
    values = noisy[changed]
    expect_true(kept_some and changed_some and bool(np.isfinite(values).all()) and np.ptp(values) > 1e-3,
                f"{what} does not return the images with some pixels replaced by noise: "
                f"{int(changed.sum())} of {changed.size} pixels changed"
                + (f", to values from {values.min():.4g} to {values.max():.4g}" if values.size else ""))


@check(points=1, max_examples=10)
@given(value=images_and_patch())
@example(value=fixed_images_and_patch())
def noisy_images_keep_their_shape_and_range(student, value):
    """add_patch_noise returns a float tensor of the images' shape with values in [0, 1]"""
    images, patch, seed = value
    noisy, _ = corrupt(student, images, patch, seed)
    expect_true(bool(((noisy >= 0) & (noisy <= 1)).all()),
                f"add_patch_noise gives values from {noisy.min():.4g} to {noisy.max():.4g}, outside [0, 1]")
    expect_noisy_copy(images, noisy, "add_patch_noise")


@check(points=2)
@given(value=images_and_patch())
@example(value=fixed_images_and_patch())
def nothing_changes_outside_one_patch(student, value):
    """Every pixel outside one patch x patch square of each image is returned unchanged"""
    images, patch, seed = value
    noisy, _ = corrupt(student, images, patch, seed)
    expect_noisy_copy(images, noisy, "add_patch_noise")
    for index, (_, _, height, width, _) in enumerate(changed_boxes(images, noisy)):
        expect_true(height <= patch and width <= patch,
                    f"image {index} of shape {images.shape[1:]} has changes spread over {height}x{width} pixels; "
                    f"they should fit in one {patch}x{patch} patch")


@check(points=1)
@given(value=images_and_patch())
@example(value=fixed_images_and_patch())
def the_whole_patch_is_noise(student, value):
    """Every pixel of the patch is replaced: exactly patch x patch pixels of each image change"""
    images, patch, seed = value
    noisy, _ = corrupt(student, images, patch, seed)
    for index, (_, _, height, width, count) in enumerate(changed_boxes(images, noisy)):
        expect_true((height, width, count) == (patch, patch, patch * patch),
                    f"image {index}: {count} pixels changed over {height}x{width}; "
                    f"a {patch}x{patch} patch of noise changes all {patch * patch} of its pixels")


@check(points=1)
def the_input_is_left_alone(student):
    """add_patch_noise returns a new tensor and does not modify the images it is given"""
    images = np.random.default_rng(0).random((3, 8, 8), dtype=np.float32)
    noisy, reply = corrupt(student, images, 4, 0)
    after = expect_tensor(reply["input_after"], "the images after add_patch_noise", shape=images.shape).array
    expect_true(bool(np.array_equal(after, images)), "add_patch_noise changed the images it was given (in place)")
    expect_noisy_copy(images, noisy, "add_patch_noise")


@check(points=1)
def the_patch_can_land_anywhere(student):
    """The patch's corner is uniform over all H - patch + 1 rows and W - patch + 1 columns, the last ones too"""
    images = np.random.default_rng(1).random((POSITION_IMAGES, 6, 6), dtype=np.float32)
    noisy, _ = corrupt(student, images, 3, 1)
    counts = np.zeros((4, 4), int)
    for top, left, height, width, _ in changed_boxes(images, noisy):
        if height and top < 4 and left < 4:
            counts[top, left] += 1
    expect_true(bool((counts > 0).all()), f"over {POSITION_IMAGES} 6x6 images the 3x3 patch's top-left corner "
                                          f"never lands on some of the 16 places:\n{counts}")
    p_value = stats.chisquare(counts.ravel()).pvalue
    expect_true(p_value > 1e-6, f"the patch's corner is far from uniform over the 16 places:\n{counts}")


@check(points=1)
def the_noise_is_uniform_on_0_1(student):
    """Inside the patch the pixels are fresh U[0, 1) noise: a Kolmogorov-Smirnov test does not reject it"""
    images = np.random.default_rng(2).random((UNIFORM_IMAGES, 8, 8), dtype=np.float32)
    noisy, _ = corrupt(student, images, 4, 2)
    values = noisy[noisy != images]
    expect_true(len(values) > 0, "add_patch_noise changed no pixel")
    p_value = stats.kstest(values, "uniform").pvalue
    expect_true(p_value > 1e-4, f"the {len(values)} changed pixels (mean {values.mean():.3f}, std "
                                f"{values.std():.3f}) do not look like U[0, 1) noise (mean 0.5, std 0.289)")


@check(points=1)
def the_generator_decides_the_noise(student):
    """The same generator seed gives the same noisy images, another seed different ones"""
    images = np.random.default_rng(3).random((4, 8, 8), dtype=np.float32)
    first, _ = corrupt(student, images, 4, 10)
    again, _ = corrupt(student, images, 4, 10)
    other, _ = corrupt(student, images, 4, 11)
    expect_close(again, first, "add_patch_noise called twice with generator seed 10", rtol=0, atol=0)
    expect_true(not np.array_equal(first, other), "generator seeds 10 and 11 give the same noisy images")


@check(points=1)
def a_patch_larger_than_the_image_is_an_error(student):
    """add_patch_noise raises ValueError when the patch does not fit in the image"""
    images = np.zeros((2, 5, 7), dtype=np.float32)
    for patch in (6, 8):
        raised = student.raises("ValueError", "add_patch_noise", tensor(images), patch, generator(0))
        expect_true(raised is not None and raised.is_a("ValueError"),
                    f"add_patch_noise(images of shape (2, 5, 7), patch={patch}) should raise ValueError, but it "
                    + ("raised " + raised.type if raised else "returned"))


@check(points=1)
def the_denoiser_gives_images_in_0_1(student):
    """DenoisingAutoencoder(input_dim) maps (B, input_dim) to (B, input_dim) with values in [0, 1]"""
    for input_dim in (64, 784):
        x = np.random.default_rng(input_dim).random((5, input_dim), dtype=np.float32)
        out = student.harness("harness:denoiser_outputs", input_dim, 0, tensor(x))
        what = f"DenoisingAutoencoder(input_dim={input_dim})(x of shape (5, {input_dim}))"
        y = expect_tensor(out, what, shape=(5, input_dim)).array
        expect_true(bool(((y >= 0) & (y <= 1)).all()), f"{what} has values outside [0, 1]")
        # anchor: a constant image, or the input passed through, also lies in [0, 1]
        expect_true(bool(np.abs(y[1:] - y[:1]).max() > 1e-6), f"{what} gives the same image for every input")
        expect_true(not np.allclose(y, x, atol=1e-6), f"{what} returns its input unchanged")
