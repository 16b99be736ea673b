"""What a reader sees of each chart in the browser: the size every chart text is drawn at, and text that
is cut ("…") or drawn over other text. Measured on the rendered page, so it holds for the static SVG and
the interactive chart alike."""

from __future__ import annotations

# For every visible <text> inside a chart: its rendered font size in CSS px (the specified size times
# the scale the SVG is drawn at), its content and its box.
_TEXTS = """
(selector) => [...document.querySelectorAll(selector)].flatMap((chart) => {
  const view = chart.querySelector('.vawg-chart__view');
  if (!view) return [];
  return [...view.querySelectorAll('svg text')].filter((t) => {
    const box = t.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(t).visibility !== 'hidden' && t.textContent.trim();
  }).map((t) => {
    const box = t.getBoundingClientRect();
    const matrix = t.getScreenCTM();
    const scale = Math.sqrt(matrix.a * matrix.a + matrix.b * matrix.b);
    return {chart: chart.id, text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            box: [box.left, box.top, box.right, box.bottom]};
  });
})
"""


def chart_texts(page, selector: str = ".vawg-chart") -> list[dict]:
    return page.evaluate(_TEXTS, selector)


def _overlap(a, b, tolerance: float = 1.0) -> bool:
    return (min(a[2], b[2]) - max(a[0], b[0]) > tolerance) and (min(a[3], b[3]) - max(a[1], b[1]) > tolerance)


def chart_text_problems(page, smallest_px: float = 11.0) -> list[str]:
    """Text drawn under ``smallest_px`` CSS px, cut with an ellipsis, or overlapping other text."""
    texts = chart_texts(page)
    problems = [f"{t['chart']}: {t['text']!r} at {t['px']:.1f}px" for t in texts if t["px"] < smallest_px - 0.05]
    problems += [f"{t['chart']}: {t['text']!r} is cut" for t in texts if t["text"].rstrip().endswith("…")]
    for index, first in enumerate(texts):
        for second in texts[index + 1:]:
            if first["chart"] == second["chart"] and _overlap(first["box"], second["box"]):
                problems.append(f"{first['chart']}: {first['text']!r} overlaps {second['text']!r}")
    return problems
