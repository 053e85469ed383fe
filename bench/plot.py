"""The load benchmark's plot: p50 and p95 latency against concurrent learners."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict


def latency(results: Dict[str, Any], path: Path) -> None:
    """Plot full-turn and bare-parse p50/p95 per network against learners; save a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(7.5, 4.5), dpi=110)
    colours = {"demo": "tab:blue", "synthetic": "tab:orange"}
    for name, network in results["networks"].items():
        rows = [r for r in network.get("closed_loop", []) if r["turn"].get("n")]
        if not rows:
            continue
        learners = [r["learners"] for r in rows]
        colour = colours.get(name, "tab:green")
        label = {"demo": "demo network", "synthetic": "50k-course network"}.get(name, name)
        for kind, style in (("turn", "-"), ("parse", ":")):
            what = "full turn" if kind == "turn" else "bare /model/parse"
            axes.plot(learners, [r[kind]["p50_ms"] for r in rows], style, marker="o",
                      color=colour, label=f"{label}, {what}, p50")  # fmt: skip
            axes.plot(learners, [r[kind]["p95_ms"] for r in rows], style, marker="^",
                      color=colour, alpha=0.55, label=f"{label}, {what}, p95")  # fmt: skip
    axes.axhline(500, color="grey", linewidth=0.8, linestyle="--")
    axes.axhline(150, color="grey", linewidth=0.8, linestyle="-.")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("concurrent learners (closed loop)")
    axes.set_ylabel("latency per message (ms)")
    load = results["machine"]["load_average"]["1m"]
    axes.set_title(f"Pathways latency (2 shared cores, load average {load} at start)")
    axes.legend(fontsize=7, loc="upper left")
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    pyplot.close(figure)
