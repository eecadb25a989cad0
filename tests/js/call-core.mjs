// Test bridge: call functions of rekenhulp-core.mjs from Python.
// stdin: {"calls": [{"fn": "parseAmount", "args": ["1.234,56"]}, ...]}
// stdout: one JSON array with, per call, {"value": ...} or {"error": {"name", "message"}}.
// BigInt values come back as {"$bigint": "123"} so Python can tell them from numbers.
// The core under test is argv[2] when given (the page test uses that), else the real asset.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const corePath = process.argv[2] ?? path.resolve(here, "../../generator/features/rekenhulp/assets/rekenhulp-core.mjs");
const core = await import(pathToFileURL(corePath).href);

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
