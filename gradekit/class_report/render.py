"""The class report as a self-contained HTML page (figures inside as PNG data URIs) or as JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping

import jinja2
from markupsafe import Markup, escape

from gradekit.class_report.figures import check_map_figure, data_uri, histogram_figure
from gradekit.class_report.statistics import FLAG_EXPLANATIONS, CheckStatistics, ClassStatistics
from gradekit.class_report.template import PAGE

FAILURE_SHOWN = 240  # characters of the most common failure shown in a table cell


def to_json(stats: ClassStatistics) -> str:
    return json.dumps(stats.to_json(), indent=2)


def to_html(stats: ClassStatistics, *, source: str, titles: Mapping[str, str] | None = None) -> str:
    """The page: overview histograms, the checks to review, each problem with its checks, incidents, timing.

    ``titles`` maps problem ids to their titles, where the problems could be loaded.
    """
    titles = titles or {}
    overview = list(stats.assignments) or [stats.total]  # one assignment: its grades are the total
    figures = {d.id: data_uri(histogram_figure(d)) for d in [*overview, *stats.problems]}
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                     lstrip_blocks=True)
    template = environment.from_string(PAGE)
    return template.render(
        stats=stats, source=source, overview=overview, figures=figures,
        check_map=data_uri(check_map_figure(list(stats.checks))) if stats.checks else None,
        checks_of={p.id: [c for c in stats.checks if c.problem == p.id] for p in stats.problems},
        explain=FLAG_EXPLANATIONS,
        label=lambda id: _label(id, {**titles, **{a.id: a.title for a in stats.assignments if a.title}}),
        fmt=_fmt, pct=_pct, seconds=_seconds, failure=_failure, breakable=_breakable)


def _label(id: str, titles: Mapping[str, str]) -> str:
    if id == "total" and id not in titles:
        return "All problems (total)"
    return f"{id}: {titles[id]}" if id in titles and titles[id] != id else id


def _breakable(name: str) -> Markup:
    """A snake_case name that may wrap after its underscores, not in the middle of a word."""
    return Markup("_<wbr>").join(escape(part) for part in name.split("_"))


def _fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}g}" if digits == 3 else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def _seconds(value: float | None) -> str:
    return "not recorded" if value is None else f"{value:.1f} s"


def _failure(check: CheckStatistics) -> str:
    failure = check.common_failure
    if failure is None:
        return ""
    text = failure.message if len(failure.message) <= FAILURE_SHOWN else failure.message[:FAILURE_SHOWN] + "…"
    return f"{failure.count} of {failure.failures}: {text}" if failure.failures > 1 else text
