// Input features: what the input layer (layer0) receives for a point (x1, x2).
// Each feature is one input unit; turning one on adds a column to X.

// label: plain text (tooltips, aria-label); parts: the same with subscripts and superscripts,
// as [text, tag] pairs for the page (<sub>, <sup>), since not every font has ₁ and ₂.
export const FEATURES = {
  x1: { label: "x1", parts: [["x"], ["1", "sub"]], f: (x1) => x1 },
  x2: { label: "x2", parts: [["x"], ["2", "sub"]], f: (x1, x2) => x2 },
  x1sq: { label: "x1²", parts: [["x"], ["1", "sub"], ["2", "sup"]], f: (x1) => x1 * x1 },
  x2sq: { label: "x2²", parts: [["x"], ["2", "sub"], ["2", "sup"]], f: (x1, x2) => x2 * x2 },
  x1x2: { label: "x1·x2", parts: [["x"], ["1", "sub"], ["·x"], ["2", "sub"]], f: (x1, x2) => x1 * x2 },
  sin1: { label: "sin x1", parts: [["sin x"], ["1", "sub"]], f: (x1) => Math.sin(x1) },
  sin2: { label: "sin x2", parts: [["sin x"], ["2", "sub"]], f: (x1, x2) => Math.sin(x2) },
};

export const FEATURE_NAMES = Object.keys(FEATURES);

/** The input matrix X (one row per point, one column per chosen feature, in FEATURE_NAMES order). */
export function featureMatrix(points, names) {
  const fs = FEATURE_NAMES.filter((name) => names.includes(name)).map((name) => FEATURES[name].f);
  return points.map((p) => fs.map((f) => f(p.x1, p.x2)));
}
