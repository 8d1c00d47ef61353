"""Latent arithmetic: the attribute squares, their reader, the queries, the arithmetic, a smoke run."""

import numpy as np
import pytest
import torch

from gradekit.calc.latent_arithmetic import latent_arithmetic
from gradekit.calc.vae import VAE
from gradekit.data.attributes import (ATTRIBUTES, BLUE, RED, YELLOW, arithmetic_queries, attribute_set, gallery,
                                      read_attributes, render)
from gradekit.models.latent_arithmetic import answer, pixel_answer, score

HAT = ATTRIBUTES.index("hat")


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Small tensors: one thread is fastest, and far faster than two on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def test_a_large_blue_square_with_a_hat_is_drawn_where_asked():
    image = render((1, 1, 1), (8, 9))  # blue, large, hat, centred at x = 8, y = 9
    square = image[5:13, 4:12]
    assert np.all(square == BLUE) and np.all(image[3:5, 4:12] == YELLOW)
    assert image.sum() == pytest.approx(64 * 1 + 16 * 2)  # nothing else is lit
    small_red = render((0, 0, 0), (6, 10))
    assert np.all(small_red[8:12, 4:8] == RED) and small_red.sum() == pytest.approx(16)


def test_every_rendering_reads_as_its_own_attributes():
    shapes = gallery()
    assert len(shapes.images) == 2 ** len(ATTRIBUTES) * 12 and len(np.unique(shapes.flat(), axis=0)) == 96
    np.testing.assert_array_equal(read_attributes(shapes.images), shapes.attributes)


def test_a_slightly_noisy_square_still_reads_right():
    squares = attribute_set(50, seed=3)
    noisy = np.clip(squares.images + 0.1 * np.random.default_rng(0).standard_normal(squares.images.shape), 0, 1)
    np.testing.assert_array_equal(read_attributes(noisy), squares.attributes)


def test_a_query_adds_one_attribute_to_a_base_that_lacks_it():
    queries = arithmetic_queries(30, exemplars=5, seed=0)
    assert queries.a.shape == queries.c.shape == (30, 5, 16, 16, 3) and queries.b.shape == (30, 1, 16, 16, 3)
    rows = np.arange(30)
    a, c = (read_attributes(group.reshape(-1, 16, 16, 3)).reshape(30, 5, -1) for group in (queries.a, queries.c))
    assert np.all(a[rows, :, queries.attribute] == 1) and np.all(c[rows, :, queries.attribute] == 0)
    base = read_attributes(queries.b[:, 0])
    assert np.all(base[rows, queries.attribute] == 0)
    expected = base.copy()
    expected[rows, queries.attribute] = 1
    np.testing.assert_array_equal(queries.target, expected)


def test_the_answer_decodes_the_sum_of_the_groups_mean_codes():
    torch.manual_seed(0)
    model = VAE(12, 3).eval()
    a, b, c = torch.rand(2, 4, 12), torch.rand(2, 1, 12), torch.rand(2, 3, 12)
    with torch.no_grad():
        codes = [model.encode(group.flatten(0, 1))[0].view(2, len(group[0]), 3).mean(1) for group in (a, b, c)]
        expected = model.decode(codes[0] + codes[1] - codes[2])
    torch.testing.assert_close(latent_arithmetic(model, a, b, c), expected)


def test_pixel_arithmetic_leaves_ghosts_that_mostly_read_wrong():
    queries = arithmetic_queries(100, seed=1)
    result = score(pixel_answer(queries), queries)
    assert result["accuracy"] < 0.35
    assert set(result) == {"accuracy", "added_attribute_present", *[f"{name}_right" for name in ATTRIBUTES]}


def test_the_true_answers_score_full_marks():
    queries = arithmetic_queries(20, seed=2)
    true = np.stack([render(tuple(target), (8, 9)) for target in queries.target])
    assert score(true, queries)["accuracy"] == 1.0


def test_an_untrained_vae_answers_every_query_with_an_image():
    torch.manual_seed(0)
    queries = arithmetic_queries(4, exemplars=2, seed=0)
    answers = answer(VAE(768, 4), queries)
    assert answers.shape == (4, 16, 16, 3) and answers.min() >= 0 and answers.max() <= 1


def test_the_train_command_lays_out_the_arithmetic_and_scores_both_spaces(tmp_path):
    from gradekit.runs.registry import train_model
    from gradekit.runs.settings import RunSettings

    metrics = train_model("latent-arithmetic", RunSettings(out=tmp_path, steps=2, device="cpu", data="squares:200"),
                          show_progress=False)
    assert metrics["figures"] == ["loss_curves.png", "arithmetic.png"] and metrics["data"] == "squares:200"
    assert set(metrics["metrics"]) == {"latent", "pixels"}
    assert all((tmp_path / name).stat().st_size > 1000 for name in metrics["figures"])
    with pytest.raises(ValueError):
        train_model("latent-arithmetic", RunSettings(out=tmp_path, steps=2, data="mnist:somewhere"))
