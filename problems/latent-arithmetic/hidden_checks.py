"""Hidden check: the trained model's answers to a + b − c have the attributes the arithmetic asks for."""

from gradekit.grading.api import check

from .metrics import PROBLEM, QUERIES, measure


@check(points=6)
def arithmetic_adds_the_attribute_to_the_base_image(student):
    """After training, decoded a + b − c reads as b with a's extra attribute for enough of the queries"""
    metrics = measure(student)
    return PROBLEM.threshold("accuracy").judge(
        metrics["accuracy"], f"fraction of the {QUERIES['count']} answers read as b with the added attribute:",
        digits=3, after=f"after {metrics['steps']} training steps")
