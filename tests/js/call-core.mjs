// Test bridge: call functions of rekenhulp-core.mjs from Python.
// stdin: {"calls": [{"fn": "parseAmount", "args": ["1.234,56"]}, ...]}
// stdout: one JSON array with, per call, {"value": ...} or {"error": {"name", "message"}}.
// BigInt values come back as {"$bigint": "123"} so Python can tell them from numbers.
// The core under test is argv[2] when given (the page test uses that), else the real asset.
import { readFileSync } from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const assets = path.resolve(here, "../../generator/features/rekenhulp/assets");
const corePath = process.argv[2] ?? path.join(assets, "rekenhulp-core.mjs");
// The page runs the pure files as ONE module (calculator.SCRIPT_FILES: the status script,
// the core, the check); so does this bridge, from their concatenation in the same order.
const parts = [
  path.resolve(here, "../../generator/render/templates/regeling-status.js"),
  corePath,
  path.join(assets, "rekenhulp-check.mjs"),
].map((file) => readFileSync(file, "utf8"));
const source = `${parts.join("\n\n")}\nexport { kbSchemeStatus, kbNowParts };\n`;
const core = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);

const request = JSON.parse(readFileSync(0, "utf8"));
const results = request.calls.map(({ fn, args }) => {
  if (typeof core[fn] !== "function") {
    return { error: { name: "MissingExport", message: fn } };
  }
  try {
    return { value: core[fn](...args.map(revive)) };
  } catch (err) {
    return { error: { name: err.name, message: err.message } };
  }
});
process.stdout.write(JSON.stringify(results, (_key, value) => (typeof value === "bigint" ? { $bigint: value.toString() } : value)));

function revive(value) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if (Object.keys(value).length === 1 && typeof value.$bigint === "string") {
      return BigInt(value.$bigint);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return Array.isArray(value) ? value.map(revive) : value;
}
