// custom.js: the reader's own data in the address and in CSV; the exported Python script.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  COORD_LIMIT, MAX_CODE_LENGTH, MAX_CSV_CHARS, MAX_POINTS, MAX_ROW_MESSAGES, decodePoints, encodePoints,
  isValidPoint, makePoint, parseCSV, pythonScript, quantize, toCSV,
} from "../../docs/javascripts/playground/custom.js";
import { CUSTOM, makeData, mulberry32 } from "../../docs/javascripts/playground/data.js";
import { MESSAGES, t } from "../../docs/javascripts/playground/i18n.js";
import {
  DEFAULTS, MAX_FRAGMENT_LENGTH, defaultState, parseFragment, serializeState,
} from "../../docs/javascripts/playground/state.js";
import { Trainer } from "../../docs/javascripts/playground/trainer.js";

/** n random valid points for a problem type, from a seed. */
function randomPoints(n, problem, seed = 1) {
  const rng = mulberry32(seed);
  const u = (lo, hi) => lo + (hi - lo) * rng();
  return Array.from({ length: n }, () => makePoint(u(-COORD_LIMIT, COORD_LIMIT), u(-COORD_LIMIT, COORD_LIMIT),
    u(-1, 1), problem));
}

const CORNERS = (problem) => [
  { x1: -COORD_LIMIT, x2: COORD_LIMIT, label: -1 }, { x1: COORD_LIMIT, x2: -COORD_LIMIT, label: 1 },
  { x1: 0, x2: 0, label: problem === "classification" ? 1 : 0 }, { x1: -0.01, x2: 0.01, label: -1 },
];

test("quantize and makePoint: multiples of 0.01, clamped, never −0", () => {
  assert.equal(quantize(1.234), 1.23);
  assert.equal(quantize(-5.375), -5.37);          // Math.round rounds half up
  assert.ok(Object.is(quantize(-0.001), 0));
  assert.deepEqual(makePoint(12, -99, 0.2, "classification"), { x1: 10, x2: -10, label: 1 });
  assert.deepEqual(makePoint(1.005, 2, -0.3, "classification"), { x1: quantize(1.005), x2: 2, label: -1 });
  assert.deepEqual(makePoint(0, 0, 3, "regression"), { x1: 0, x2: 0, label: 1 });
  assert.deepEqual(makePoint(0, 0, -0.456, "regression"), { x1: 0, x2: 0, label: -0.46 });
  assert.ok(isValidPoint({ x1: 0.01, x2: -10, label: 1 }, "classification"));
  assert.ok(!isValidPoint({ x1: 0.011, x2: 0, label: 1 }, "classification"));
  assert.ok(!isValidPoint({ x1: 0, x2: 0, label: 0.5 }, "classification"));
  assert.ok(isValidPoint({ x1: 0, x2: 0, label: 0.5 }, "regression"));
});

test("points code: encode → decode gives the same points exactly, both problem types", () => {
  for (const problem of ["classification", "regression"]) {
    for (const points of [[], CORNERS(problem), randomPoints(MAX_POINTS, problem, 7)]) {
      assert.ok(points.every((p) => isValidPoint(p, problem)));
      const code = encodePoints(points, problem);
      assert.match(code, /^1[cr]\.[A-Za-z0-9_-]*$/, "only characters that stand unescaped in an address");
      assert.ok(code.length <= MAX_CODE_LENGTH);
      assert.deepEqual(decodePoints(code), { problem, points });
    }
  }
  // Compact: 5 characters per point for classes, 6 for regression.
  assert.equal(encodePoints(randomPoints(100, "classification"), "classification").length, 3 + 500);
  assert.equal(encodePoints(randomPoints(100, "regression"), "regression").length, 3 + 600);
  assert.equal(encodePoints([{ x1: 0, x2: 0, label: 1 }], "classification"), "1c.PoPoB");
});

test("points code: every malformed code is refused, none throws", () => {
  const good = encodePoints(CORNERS("classification"), "classification");
  const cases = {
    format: ["", "1c", "1c.A", "1c.AAAA", "1x.AAAAA", "1c.AAAA=", "1c.AAAA ", "1c.AAAAC", "1c.-_AAA",
      "1r.AAAAAD_", "1c.%41AAAA", "c1.AAAAA", "1C.AAAAA", good + "A", null, undefined, 5, {}],
    version: ["2c.AAAAA", "0c."],
    tooMany: ["1c." + "AAAAA".repeat(MAX_POINTS + 1), "1c." + "A".repeat(100000)],
  };
  for (const [error, codes] of Object.entries(cases)) {
    for (const code of codes) assert.deepEqual(decodePoints(code), { error }, String(code).slice(0, 40));
  }
});

test("the address holds the reader's own data: it round-trips and implies the problem type", () => {
  for (const problem of ["classification", "regression"]) {
    const s = { ...defaultState(), problem, data: CUSTOM, points: randomPoints(MAX_POINTS, problem, 3), noise: 15 };
    const text = serializeState(s);
    assert.ok(text.length <= MAX_FRAGMENT_LENGTH, `${text.length} > ${MAX_FRAGMENT_LENGTH}`);
    assert.deepEqual(parseFragment("#" + text), { state: s, messages: [] });
    // Without a problem key, the code's kind decides it.
    const short = `data=custom&points=${encodePoints(s.points, problem)}`;
    assert.deepEqual(parseFragment(short).state.problem, problem);
    assert.deepEqual(parseFragment(short).state.points, s.points);
  }
  // Built-in data: no points key, the old addresses are unchanged.
  assert.ok(!serializeState(defaultState()).includes("points"));
  assert.deepEqual(parseFragment("#data=xor&points=1c.PoPoB").state.points, []);
  // Custom data without points: empty, no message.
  assert.deepEqual(parseFragment("#data=custom"), { state: { ...defaultState(), data: CUSTOM }, messages: [] });
});

test("bad, foreign or oversized points in the address: a message, the rest of the setup kept", () => {
  const rejected = parseFragment("#data=custom&points=1c.AAAAC&lr=0.1");
  assert.equal(rejected.state.lr, 0.1);
  assert.deepEqual(rejected.state.points, []);
  assert.deepEqual(rejected.messages, [t("msg.rejected", { names: MESSAGES.ko["key.points"] })]);
  // A regression code with problem=classification.
  const clash = parseFragment(`#problem=classification&data=custom&points=${encodePoints([{ x1: 0, x2: 0, label: 0.5 }], "regression")}`);
  assert.deepEqual(clash.state.points, []);
  assert.equal(clash.messages.length, 1);
  assert.deepEqual(parseFragment("#data=custom&points=9c.AAAAA").messages, [t("msg.points.version")]);
  const many = "1c." + "AAAAA".repeat(MAX_POINTS + 1);
  assert.deepEqual(parseFragment(`#data=custom&points=${many}`).messages, [t("msg.points.tooMany", { max: MAX_POINTS })]);
  // Longer than any valid address: refused whole, the message gives the limit.
  const huge = "#data=custom&points=1c." + "A".repeat(MAX_FRAGMENT_LENGTH);
  const { state, messages } = parseFragment(huge);
  assert.deepEqual(state, defaultState());
  assert.deepEqual(messages, [t("msg.tooLong", { length: huge.length - 1, max: MAX_FRAGMENT_LENGTH })]);
  assert.match(messages[0], new RegExp(String(MAX_FRAGMENT_LENGTH)));
});

test("CSV: good rows become points, every bad row is named with its line, nothing else lost", () => {
  const text = [
    "x1,x2,label",            // 1: header
    "1,2,1",                  // 2
    "",                       // 3: empty
    "# a comment",            // 4
    "-3.5, 4.25 ,-1",         // 5: spaces
    "1,2",                    // 6: two fields
    "a,2,1",                  // 7: not a number
    "1,2,0.5",                // 8: not a class
    "11,0,1",                 // 9: out of range
    "1e0,-2.5e-1,+1",         // 10: exponents, plus sign
    "0x10,1,1",               // 11: hex is not a number here
    "<script>alert(1)</script>,1,1",   // 12
    "1.234,0,1\r",            // 13: rounded
  ].join("\n");
  const { points, messages, rounded } = parseCSV(text, "classification");
  assert.deepEqual(points, [
    { x1: 1, x2: 2, label: 1 }, { x1: -3.5, x2: 4.25, label: -1 }, { x1: 1, x2: -0.25, label: 1 },
    { x1: 1.23, x2: 0, label: 1 },
  ]);
  assert.equal(rounded, 1);
  const ko = MESSAGES.ko;
  assert.deepEqual(messages, [
    t("csv.fields", { line: 6, count: 2 }),
    t("csv.number", { line: 7, column: "x1" }),
    t("csv.class", { line: 8 }),
    t("csv.range", { line: 9, column: "x1", limit: COORD_LIMIT }),
    t("csv.number", { line: 11, column: "x1" }),
    t("csv.number", { line: 12, column: "x1" }),
    t("csv.rounded", { count: 1, step: 0.01 }),
  ]);
  assert.ok(messages.every((m) => !/[<>]|script|alert/.test(m)), "a message never repeats the row");
  assert.ok(ko["csv.class"].includes("{line}"));
  // Regression labels: any number in [−1, 1].
  const reg = parseCSV("0,0,0.5\n0,0,-1\n0,0,1.5\n", "regression");
  assert.deepEqual(reg.points, [{ x1: 0, x2: 0, label: 0.5 }, { x1: 0, x2: 0, label: -1 }]);
  assert.deepEqual(reg.messages, [t("csv.target", { line: 3 })]);
});

test("CSV: many bad rows are counted, too many rows and too much text are refused with the limit", () => {
  const bad = Array.from({ length: 20 }, () => "x,y,z").join("\n");
  const r = parseCSV("1,1,1\n" + bad, "classification");
  assert.equal(r.points.length, 1);
  assert.equal(r.messages.length, MAX_ROW_MESSAGES + 1);
  assert.equal(r.messages.at(-1), t("csv.more", { count: 20 - MAX_ROW_MESSAGES }));
  const rows = Array.from({ length: MAX_POINTS + 7 }, (_, i) => `${(i % 100) / 10},0,1`).join("\n");
  const many = parseCSV(rows, "classification");
  assert.equal(many.points.length, MAX_POINTS);
  assert.deepEqual(many.messages, [t("csv.tooMany", { max: MAX_POINTS, count: 7 })]);
  const big = parseCSV("1,1,1\n".repeat(MAX_CSV_CHARS), "classification");
  assert.deepEqual(big, { points: [], messages: [t("csv.tooBig", { size: 6 * MAX_CSV_CHARS, max: MAX_CSV_CHARS })], rounded: 0 });
  for (const x of [undefined, null, 42, {}]) assert.deepEqual(parseCSV(x, "classification").points, []);
  assert.deepEqual(parseCSV("", "classification"), { points: [], messages: [], rounded: 0 });
  assert.deepEqual(parseCSV("\uFEFFx1,x2,label\n1,1,-1", "classification").points, [{ x1: 1, x2: 1, label: -1 }]);
});

test("CSV export reads back as the same points", () => {
  for (const problem of ["classification", "regression"]) {
    const points = randomPoints(60, problem, 9);
    const text = toCSV(points);
    assert.ok(text.startsWith("x1,x2,label\n"));
    assert.deepEqual(parseCSV(text, problem), { points, messages: [], rounded: 0 });
  }
  // A built-in data set with noise: full precision, in [−10, 10], read back rounded to 0.01.
  const { train, test } = makeData("xor", { seed: 2, noise: 0.5, ratio: 50 });
  const back = parseCSV(toCSV([...train, ...test]), "classification");
  assert.equal(back.points.length, 500);
  back.points.forEach((p, i) => {
    const q = [...train, ...test][i];
    assert.ok(Math.abs(p.x1 - q.x1) <= 0.005 + 1e-12 && Math.abs(p.x2 - q.x2) <= 0.005 + 1e-12 && p.label === q.label);
  });
});

test("own data: noise and the train/test split work as with the built-in sets", () => {
  const points = randomPoints(40, "classification", 4).map((p) => makePoint(p.x1 / 2, p.x2 / 2, p.label, "classification"));
  const clean = makeData(CUSTOM, { seed: 5, noise: 0, ratio: 70, points });
  assert.equal(clean.train.length, 28);
  assert.equal(clean.test.length, 12);
  const all = [...clean.train, ...clean.test];
  // A permutation of the points; src names each one's origin.
  assert.deepEqual(all.map((p) => p.src).sort((a, b) => a - b), points.map((_, i) => i));
  for (const p of all) assert.deepEqual({ x1: p.x1, x2: p.x2, label: p.label }, points[p.src]);
  assert.deepEqual(makeData(CUSTOM, { seed: 5, noise: 0, ratio: 70, points }), clean, "seeded");
  const noisy = makeData(CUSTOM, { seed: 5, noise: 0.2, ratio: 70, points });
  const moved = [...noisy.train, ...noisy.test];
  assert.ok(moved.some((p) => p.x1 !== points[p.src].x1));
  assert.ok(moved.every((p) => Math.abs(p.x1 - points[p.src].x1) <= 1 && p.label === points[p.src].label));
  // The trainer trains on them; an empty data set trains nothing and does not diverge.
  const trainer = new Trainer({ ...defaultState(), data: CUSTOM, points, layers: [3] });
  trainer.step(5);
  assert.ok(Number.isFinite(trainer.trainLoss) && !trainer.diverged);
  const empty = new Trainer({ ...defaultState(), data: CUSTOM, points: [] });
  empty.step(3);
  assert.deepEqual([empty.epoch, empty.diverged, empty.train.length], [3, false, 0]);
});

test("the Python script carries every weight and point and nothing from outside", () => {
  const trainer = new Trainer({ ...DEFAULTS, data: "xor", layers: [3, 2], features: ["x1", "x2", "sin1"], points: [] });
  trainer.step(2);
  const script = pythonScript({ params: trainer.params, activations: trainer.activations,
    features: trainer.state.features, points: trainer.points, nTrain: trainer.train.length, epoch: 2,
    address: "data=xor&x=<script>\"\"\"import os" });
  assert.ok(script.includes("import numpy as np"));
  assert.ok(!/^import (?!numpy)/m.test(script) && !/^from /m.test(script), "NumPy only");
  assert.ok(!script.includes("<script>") && !script.includes('"""import'), "the address is filtered");
  assert.ok(script.includes(`TRAIN = ${trainer.train.length}`));
  assert.ok(script.includes("np.column_stack([x1, x2, np.sin(x1)])"));
  assert.ok(script.includes(String(trainer.params.W2[1][0])), "weights at full precision");
  assert.equal((script.match(/^ {4}\[.*\],$/gm) || []).length, 500, "one row per point");
});
