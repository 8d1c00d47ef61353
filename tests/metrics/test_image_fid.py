"""FID on images: the shipped digit network, Inception from a local file, and `gradekit fid`."""

import numpy as np
import pytest
import torch
from PIL import Image
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.data import load_digits_split
from gradekit.metrics.digit_net import accuracy, load_digit_net, train_digit_net
from gradekit.metrics.image_fid import channels_first, feature_extractor, image_fid
from gradekit.metrics.inception import HOW_TO_GET, fid_inception, inception_features, load_inception


@pytest.fixture(scope="module")
def digits():
    return load_digits_split(seed=0)


def test_shipped_digit_network_recognises_held_out_digits(digits):
    assert accuracy(load_digit_net(), digits.test_images, digits.test_labels) > 0.95


def test_digit_network_training_runs_and_learns(digits):
    net = train_digit_net(digits.train_images[:300], digits.train_labels[:300], epochs=3)
    assert accuracy(net, digits.test_images, digits.test_labels) > 0.3


def test_digit_fid_is_zero_for_one_set_and_grows_with_distortion(digits):
    extract = feature_extractor("digits")
    same = image_fid(digits.test_images, digits.test_images, extract)
    held_out = image_fid(digits.train_images, digits.test_images, extract)
    noise = np.random.default_rng(0).random(digits.test_images.shape).astype(np.float32)
    assert same == pytest.approx(0.0, abs=1e-6)
    assert held_out < image_fid(digits.train_images, noise, extract) / 10


def test_digit_features_accept_other_sizes_and_colour(digits):
    extract = feature_extractor("digits")
    big = np.repeat(np.repeat(digits.test_images[:4], 4, axis=1), 4, axis=2)  # (4, 32, 32)
    colour = np.repeat(big[:, None], 3, axis=1)  # (4, 3, 32, 32)
    assert image_fid(big, colour, extract) == pytest.approx(0.0, abs=1e-6)


def test_inception_weights_load_from_a_local_file_and_give_2048_features(tmp_path):
    path = tmp_path / "inception.pth"
    torch.manual_seed(0)
    torch.save(fid_inception().state_dict(), path)  # random weights: the loader, not the numbers
    net = load_inception(path)
    with torch.no_grad():
        features = inception_features(net, torch.rand(2, 3, 32, 32))
    assert features.shape == (2, 2048)


def test_missing_inception_weights_say_how_to_get_them(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        load_inception(tmp_path / "nope.pth")
    assert "pt_inception-2015-12-05" in str(error.value) and "--inception-weights" in HOW_TO_GET


def write_pngs(folder, images):
    folder.mkdir()
    for index, image in enumerate(images):
        Image.fromarray((image * 255).astype(np.uint8), mode="L").save(folder / f"{index:04d}.png")


def test_fid_command_compares_two_png_folders(tmp_path, digits):
    write_pngs(tmp_path / "a", digits.test_images[:60])
    write_pngs(tmp_path / "b", digits.test_images[:60])
    write_pngs(tmp_path / "c", digits.test_images[60:120])
    runner = CliRunner()
    same = runner.invoke(app, ["fid", str(tmp_path / "a"), str(tmp_path / "b"), "--device", "cpu"])
    other = runner.invoke(app, ["fid", str(tmp_path / "a"), str(tmp_path / "c"), "--device", "cpu"])
    assert same.exit_code == 0 and other.exit_code == 0, same.output + other.output
    assert float(same.stdout.strip()) == pytest.approx(0.0, abs=1e-6)
    assert float(other.stdout.strip()) > 0


def test_fid_command_names_a_missing_folder(tmp_path):
    result = CliRunner().invoke(app, ["fid", str(tmp_path / "none"), str(tmp_path / "none2")])
    assert result.exit_code == 2
    assert "none" in result.output


def test_face_fid_tells_faces_from_digits_and_takes_folders(tmp_path):
    from gradekit.data.faces import make_faces

    pixels = make_faces(400, seed=1).images  # (N, 32, 32, 3) in [0, 1], as loaded
    faces = channels_first(pixels)  # (N, 3, 32, 32), as FID takes them
    extract = feature_extractor("faces")
    assert image_fid(faces[:200], faces[:200], extract) == pytest.approx(0.0, abs=1e-6)
    other_faces = image_fid(faces[:200], faces[200:], extract)
    grey_blobs = np.random.default_rng(0).random((200, 16, 16))  # other size, one channel: resized, made colour
    assert other_faces < image_fid(faces[:200], grey_blobs, extract) / 10
    for name, images in (("a", pixels[:100]), ("b", pixels[100:200])):
        (tmp_path / name).mkdir()
        for index, image in enumerate(images):
            Image.fromarray((image * 255).astype(np.uint8), mode="RGB").save(tmp_path / name / f"{index:03d}.png")
    result = CliRunner().invoke(app, ["fid", str(tmp_path / "a"), str(tmp_path / "b"), "--features", "faces",
                                      "--device", "cpu"])
    assert result.exit_code == 0, result.output
    assert 0 < float(result.stdout.strip()) < other_faces * 3


def test_images_as_loaded_go_channels_first_and_nothing_else_does():
    grey, colour = np.zeros((2, 5, 6)), np.zeros((2, 5, 6, 3))
    assert channels_first(grey).shape == (2, 1, 5, 6) and channels_first(colour).shape == (2, 3, 5, 6)
    with pytest.raises(ValueError, match="expected images"):
        channels_first(np.zeros((5, 6)))


def test_fid_takes_one_layout_channels_first():
    from gradekit.data.faces import make_faces

    pixels = make_faces(50, seed=2).images  # (50, 32, 32, 3), as loaded
    extract = feature_extractor("faces")
    assert image_fid(channels_first(pixels), channels_first(pixels), extract) == pytest.approx(0.0, abs=1e-6)
    with pytest.raises(ValueError, match="expected colour images"):
        image_fid(pixels, pixels, extract)  # channels last: 32 channels of 32x3 images, refused
