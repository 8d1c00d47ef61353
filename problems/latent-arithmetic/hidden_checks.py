"""Hidden check: the trained model's answers to a + b − c have the attributes the arithmetic asks for."""

from gradekit.grading.api import check, expect_true

from .metrics import QUERIES, THRESHOLDS, measure


@check(points=6)
def arithmetic_adds_the_attribute_to_the_base_image(student):
    """After training, decoded a + b − c reads as b with a's extra attribute for enough of the queries"""
    metrics = measure(student)
    limit = THRESHOLDS["accuracy_min"]
    expect_true(metrics["accuracy"] >= limit,
                f"{metrics['accuracy']:.1%} of the {QUERIES['count']} answers read as b with the added attribute "
                f"(after {metrics['steps']} training steps); at least {limit:.0%} should")
    return f"{metrics['accuracy']:.1%} of the answers read right, at least {limit:.0%}"
