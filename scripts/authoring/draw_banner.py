"""Draw the seminar's banner, static/img/banners/seminar_nn.png: `python -m scripts.authoring.draw_banner`."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

BANNER = Path("static/img/banners/seminar_nn.png")
# 1200 x 400 pixels: wide enough for the post page, cropped to the middle on small cards.
SIZE_INCHES, DPI = (12, 4), 100
LAYERS = (3, 5, 5, 2)
INK, NODE, EDGE = "#0f2f57", "#f2f6fb", "#9fc3ea"


def node_positions():
    """Return the (x, y) of every node, one array per layer."""
    xs = np.linspace(0.42, 0.92, len(LAYERS))
    return [np.column_stack([np.full(n, x), np.linspace(0.5 - 0.09 * (n - 1), 0.5 + 0.09 * (n - 1), n)]) for x, n in zip(xs, LAYERS)]


def draw(path=BANNER):
    """Draw the banner into path and return the path."""
    fig = plt.figure(figsize=SIZE_INCHES, dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    gradient = np.linspace(0, 1, 256)[None, :]
    ax.imshow(gradient, extent=(0, 1, 0, 1), aspect="auto", cmap="Blues_r", vmin=-0.6, vmax=2.4)
    # The sigmoid, the activation the first posts build a network with.
    x = np.linspace(-7, 7, 300)
    ax.plot(0.04 + (x + 7) / 14 * 0.3, 0.2 + 0.6 / (1 + np.exp(-x)), color=NODE, lw=5, alpha=0.9, solid_capstyle="round")
    layers = node_positions()
    rng = np.random.default_rng(2018)
    for left, right in zip(layers, layers[1:]):
        for a in left:
            for b in right:
                ax.plot(*zip(a, b), color=EDGE, lw=0.6 + 2.2 * rng.random(), alpha=0.75, zorder=1)
    for layer in layers:
        ax.scatter(layer[:, 0], layer[:, 1], s=900, color=NODE, edgecolor=INK, linewidth=2.5, zorder=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return path


def main(argv=None) -> int:
    """Draw the banner; return the exit status."""
    print(draw(Path(argv[0]) if argv else BANNER))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
