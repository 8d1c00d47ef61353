"""Each problem's ``variants.py``: well-posed numbers, and a key that matches the formula.

The key comes from the reference; these tests recompute it from the variant's
params with the textbook formula, so a variant that calls the reference with
the wrong convention (an off-by-one step, a swapped argument) fails here.
The exam variants must reproduce the course's worked answers.
"""

import math

import numpy as np
import pytest

from gradekit.sheets.generate import QuizError, Request, make_quiz
from gradekit.sheets.variants import VariantError, discover_variants

SEEDS = range(30)


def variants_of(problem_variants, problem_id, module):
    """Every seed's (params, question) of one problem."""
    v = problem_variants(problem_id, module)
    out = []
    for seed in SEEDS:
        data = v.generate(np.random.default_rng(seed))
        out.append((data["params"], v.question(1, data)))
    return out


def answers(question):
    return [np.array(part.answer, dtype=float).reshape(part.shape) for part in question.parts]


def test_image_entropy_variants_have_dyadic_entropies_within_the_bit_depth(problem_variants):
    for params, question in variants_of(problem_variants, "image-entropy", "image_entropy"):
        image, bits = np.array(params["image"]), params["bits"]
        assert image.shape == (4, 4) and image.min() >= 0 and image.max() < 2**bits
        _, counts = np.unique(image, return_counts=True)
        p = counts / counts.sum()
        (entropy,) = answers(question)
        assert entropy == pytest.approx(-(p * np.log2(p)).sum())
        assert 0 < entropy <= bits
        assert (entropy * 16).is_integer(), "power-of-two counts give an entropy in sixteenths"  # novm (a float)


def test_tf_idf_variants_ask_about_a_document_that_holds_a_term_not_everywhere(problem_variants):
    for params, question in variants_of(problem_variants, "tf-idf", "tf_idf"):
        corpus, term = params["corpus"], params["term"]
        tokens = [d.lower().replace(",", "").replace(".", "").split() for d in corpus]
        holding = sum(term in t for t in tokens)
        asked = tokens[params["document"] - 1]
        assert term in asked and 1 <= holding < len(corpus)
        tf, idf, tf_idf = answers(question)
        assert tf == pytest.approx(asked.count(term) / len(asked))
        assert idf == pytest.approx(math.log(len(corpus) / holding))
        assert tf_idf == pytest.approx(tf * idf)


def test_maxout_variants_have_a_unit_count_that_divides_the_input(problem_variants):
    for params, question in variants_of(problem_variants, "maxout", "maxout"):
        x, units = np.array(params["x"]), params["units"]
        assert len(x) % units == 0 and len(x) // units >= 2
        (y,) = answers(question)
        np.testing.assert_array_equal(y, x.reshape(units, -1).max(axis=1))


def test_pooling_variants_pool_non_overlapping_two_by_two_blocks(problem_variants):
    for params, question in variants_of(problem_variants, "pooling", "pooling"):
        blocks = np.array(params["grid"]).reshape(2, 2, 2, 2).swapaxes(1, 2)  # (block row, block col, 2, 2)
        max_pooled, avg_pooled = answers(question)
        np.testing.assert_array_equal(max_pooled, blocks.max(axis=(2, 3)))
        np.testing.assert_allclose(avg_pooled, blocks.mean(axis=(2, 3)))


def test_gaussian_kl_variants_match_the_closed_form(problem_variants):
    for params, question in variants_of(problem_variants, "gaussian-kl", "gaussian_kl"):
        mu, logvar = np.array(params["mu"]), np.array(params["logvar"])
        (kl,) = answers(question)
        assert kl == pytest.approx(0.5 * np.sum(mu**2 + np.exp(logvar) - 1 - logvar))
        assert kl >= 0


def test_frechet_variants_match_the_diagonal_closed_form(problem_variants):
    for params, question in variants_of(problem_variants, "frechet-distance", "fid"):
        mu1, mu2 = np.array(params["mu1"]), np.array(params["mu2"])
        sd1, sd2 = np.sqrt(params["var1"]), np.sqrt(params["var2"])
        (distance,) = answers(question)
        assert distance == pytest.approx(np.sum((mu1 - mu2) ** 2) + np.sum((sd1 - sd2) ** 2))


def test_conv_arithmetic_variants_follow_pytorchs_size_formulas(problem_variants):
    for params, question in variants_of(problem_variants, "conv-arithmetic", "conv_arithmetic"):
        c, t = params["conv"], params["transposed"]
        conv_side, transposed_side, count = (float(a) for a in answers(question))
        assert conv_side == (c["size"] + 2 * c["padding"] - c["kernel"]) // c["stride"] + 1 >= 1
        assert transposed_side == ((t["size"] - 1) * t["stride"] - 2 * t["padding"] + t["kernel"]
                                   + t["output_padding"]) >= 1
        assert t["output_padding"] < t["stride"]
        assert count == c["in_channels"] * c["out_channels"] * c["kernel"] ** 2 + c["out_channels"]


def test_ddpm_variants_number_steps_from_one(problem_variants):
    for params, question in variants_of(problem_variants, "ddpm-forward", "ddpm_forward"):
        steps, t = params["T"], params["t"]
        betas = np.linspace(params["beta_start"], params["beta_end"], steps)  # β₁ .. β_T
        assert 0 < betas.min() and betas.max() < 1
        alpha_bar_t = np.prod(1 - betas[:t])
        beta, alpha_bar, x_t = (float(a) for a in answers(question))
        assert beta == pytest.approx(betas[t - 1], abs=1e-6)
        assert alpha_bar == pytest.approx(alpha_bar_t, abs=1e-6)
        assert x_t == pytest.approx(np.sqrt(alpha_bar_t) * params["x0"]
                                    + np.sqrt(1 - alpha_bar_t) * params["noise"], abs=1e-6)


def test_a_problems_parts_are_the_same_in_every_variant(problem_variants):
    """Every sheet of a quiz must have the same answer columns."""
    for problem_id, module in [("image-entropy", "image_entropy"), ("tf-idf", "tf_idf")]:
        shapes = {tuple((p.id, p.shape if p.shape == () else len(p.shape)) for p in q.parts)
                  for _, q in variants_of(problem_variants, problem_id, module)}
        assert len(shapes) == 1, problem_id


# --- the course's worked answers -------------------------------------------------------------

def exam_answers(problem_variants, problem_id, module):
    v = problem_variants(problem_id, module)
    return answers(v.question(1, v.exam()))


def test_exam_image_has_entropy_three_bits(problem_variants):
    assert exam_answers(problem_variants, "image-entropy", "image_entropy") == [3.0]


def test_exam_corpus_gives_tf_idf_of_quick_about_0_057(problem_variants):
    tf, idf, tf_idf = exam_answers(problem_variants, "tf-idf", "tf_idf")
    assert tf == pytest.approx(1 / 9)
    assert idf == pytest.approx(math.log(5 / 3)) and round(float(idf), 3) == 0.511
    assert round(float(tf_idf), 3) == 0.057


def test_exam_maxout_vector_gives_3_6_1_9(problem_variants):
    (y,) = exam_answers(problem_variants, "maxout", "maxout")
    assert y.tolist() == [3, 6, 1, 9]


def test_lecture_pooling_grid_gives_the_slides_max_and_average(problem_variants):
    max_pooled, avg_pooled = exam_answers(problem_variants, "pooling", "pooling")
    assert max_pooled.tolist() == [[13, 22], [17, 4]]
    assert avg_pooled.tolist() == [[7, 15.5], [9, 2.5]]


def test_exam_kl_of_the_prior_itself_is_zero(problem_variants):
    assert exam_answers(problem_variants, "gaussian-kl", "gaussian_kl") == [0.0]


def test_exam_fid_with_shared_covariance_is_the_squared_mean_distance(problem_variants):
    (distance,) = exam_answers(problem_variants, "frechet-distance", "fid")
    assert distance == pytest.approx(5.0)


def test_exam_dcgan_layers_halve_32_and_grow_1_to_4(problem_variants):
    conv_side, transposed_side, count = exam_answers(problem_variants, "conv-arithmetic", "conv_arithmetic")
    assert (conv_side, transposed_side, count) == (16, 4, 3 * 64 * 16 + 64)


# --- the variants.py contract, on throwaway problem folders -------------------------------

def fake_problem(tmp_path, problem_id, source):
    """A problem folder whose variants.py is ``source`` (ids are unique: modules are cached by id)."""
    folder = tmp_path / problem_id
    folder.mkdir()
    (folder / "problem.toml").write_text('title = "Fake"\npoints = 1\nmodule = "m"\nnames = ["f"]\n')
    (folder / "variants.py").write_text(source)
    return tmp_path


GOOD_PART = '{"ask": "x", "answer": 1.5, "tolerance": 0.1, "points": 1}'


@pytest.mark.parametrize("problem_id, source, message", [
    ("fake-no-generate", "def exam():\n    return {}\n", "defines no generate"),
    ("fake-no-parts", "def generate(rng):\n    return {'statement': ['s'], 'parts': []}\n", "at least one part"),
    ("fake-part-lacks", "def generate(rng):\n    return {'statement': ['s'], 'parts': [{'ask': 'x'}]}\n",
     "part q1 lacks answer, points, tolerance"),
    ("fake-text-answer", "def generate(rng):\n    return {'statement': ['s'], 'parts': [{'ask': 'x', "
                         "'answer': 'three', 'tolerance': 0, 'points': 1}]}\n", "must be numbers"),
    ("fake-cube-answer", "import numpy as np\ndef generate(rng):\n    return {'statement': ['s'], 'parts': [{'ask': "
                         "'x', 'answer': np.zeros((2, 2, 2)), 'tolerance': 0, 'points': 1}]}\n", "a vector or a grid"),
    ("fake-bad-block", f"def generate(rng):\n    return {{'statement': [{{'table': 1}}], 'parts': [{GOOD_PART}]}}\n",
     "a statement block is"),
    ("fake-import", "from gradekit.calc.no_such_reference import f\n", "cannot be imported"),
])
def test_a_variants_file_that_breaks_the_contract_is_reported(tmp_path, sample_bank, problem_id, source, message):
    variants = discover_variants(fake_problem(tmp_path, problem_id, source))
    with pytest.raises(VariantError, match=message):
        make_quiz(seed=1, students=None, variants=variants, bank=sample_bank, requests=[Request(problem_id, 1)])


def test_parts_that_change_between_students_are_refused(tmp_path, sample_bank):
    source = (f"def generate(rng):\n    return {{'statement': ['s'], "
              f"'parts': [{GOOD_PART}] * int(rng.integers(1, 3))}}\n")
    variants = discover_variants(fake_problem(tmp_path, "fake-changing-parts", source))
    with pytest.raises(VariantError, match="different parts"):
        make_quiz(seed=1, students=[f"s{i}" for i in range(20)], variants=variants, bank=sample_bank,
                  requests=[Request("fake-changing-parts", 1)])


def test_exam_numbers_for_a_problem_without_them_are_refused(tmp_path, sample_bank):
    source = f"def generate(rng):\n    return {{'statement': ['s'], 'parts': [{GOOD_PART}]}}\n"
    variants = discover_variants(fake_problem(tmp_path, "fake-no-exam", source))
    with pytest.raises(QuizError, match="no exam variant for fake-no-exam"):
        make_quiz(seed=1, students=None, variants=variants, bank=sample_bank,
                  requests=[Request("fake-no-exam", 1)], variant="exam")


def test_a_part_whose_numbers_are_not_worth_whole_points_is_refused(tmp_path, sample_bank):
    """Moodle's cloze weights are whole numbers: 2 points over 4 numbers would import as 4 marks."""
    source = ("def generate(rng):\n    return {'statement': ['s'], "
              "'parts': [{'ask': 'y', 'answer': [1, 2, 3, 4], 'tolerance': 0, 'points': 2}]}\n")
    variants = discover_variants(fake_problem(tmp_path, "fake-half-points", source))
    with pytest.raises(VariantError, match="whole number of points.*e.g. 4 points"):
        make_quiz(seed=1, students=None, variants=variants, bank=sample_bank,
                  requests=[Request("fake-half-points", 1)])
