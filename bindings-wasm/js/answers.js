// Answers as the engine reads them: `JSON.parse`, then one pass that brings the parsed value to exactly what the
// core's readers make of the same body (core/src/model/lenient.rs). The pass is the models' readers, which the
// core writes into the end of this file from its model declarations; what they do not take as it is goes through
// the rules below, the core's rules written a second time on purpose: the engine parses many times faster than any
// reader the page could download. The shared fixtures hold the two to one output.

/**
 * A download, thumbnail or content URL. Its query often holds a signature or a token that grants access on its own,
 * so it prints, inspects and serializes (`JSON.stringify`) without its query; `href` (or `String(url)`, as `fetch`
 * and `img.src` take it) is the whole URL: hand it to an HTTP client, never to a log. (A private field, not a
 * `WeakMap`, holds the text: a page holds hundreds of these, and a `WeakMap` entry costs as much as the rest of
 * reading an entry. A debugger that opens the object shows it, as it shows any variable.)
 */
export class SignedUrl {
  #href;

  constructor(href) {
    this.#href = String(href);
  }

  /** The whole URL, signature included. */
  get href() {
    return this.#href;
  }

  toString() {
    return this.#href;
  }

  /** The URL without its query, as logs and serialized objects show it. */
  toJSON() {
    const query = this.#href.indexOf("?");
    return query < 0 ? this.#href : `${this.#href.slice(0, query)}?<redacted>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")]() {
    return `SignedUrl ${JSON.stringify(this.toJSON())}`;
  }
}

/** The answer that a body of `bytes` gives as the model named `model`; throws an `Error` that says why not. */
export function readAnswer(model, bytes) {
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error("the body is not UTF-8");
  }
  return readAnswerText(model, text);
}

/** The answer that a body's `text` gives as the model named `model`; throws an `Error` that says why not. */
export function readAnswerText(model, text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${error.message}`);
  }
  if (!isObject(value)) throw new Error(`expected a ${model} object, found ${shape(value)}`);
  // The engine parses any depth without a stack to lose, but the core refuses past its limit, so the package does.
  if (nestedDeeper(value, 1)) throw new Error(`the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  return models[model](value);
}

/** Whether a parsed value at `level` holds a list or object deeper than the core allows. */
function nestedDeeper(value, level) {
  if (level > MAX_JSON_DEPTH) return true;
  // `Object.values` is the engine's fast way through an object's members, several times a `for…in`.
  const members = Array.isArray(value) ? value : Object.values(value);
  for (let at = 0; at < members.length; at += 1) {
    const member = members[at];
    if (typeof member === "object" && member !== null && nestedDeeper(member, level + 1)) return true;
  }
  return false;
}

// A byte-order mark is not JSON to the core either, so it is kept for `JSON.parse` to refuse.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Read as absent: a known field that is `null` is dropped, as the core drops it. */
const NULL = Symbol("null");
/** Not of the type: kept as it came (a list or map as far as it was read, then as it came). */
const NO_FIT = Symbol("no fit");

function shape(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "boolean":
      return "a boolean";
    case "number":
      return "a number";
    case "string":
      return "a string";
    default:
      return "an object";
  }
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// Rust's `str::trim`: Unicode White_Space, which is not JavaScript's set (no U+FEFF, but U+0085).
const RUST_TRIM = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const trim = (text) => text.replace(RUST_TRIM, "");

/** A float's text as Rust writes it: never in exponent form. */
function floatText(number) {
  const text = String(number);
  const exponent = text.indexOf("e");
  if (exponent < 0) return text;
  const sign = number < 0 ? "-" : "";
  const [whole, fraction = ""] = text.slice(sign.length, exponent).split(".");
  const digits = whole + fraction;
  const point = whole.length + Number(text.slice(exponent + 1));
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const INTEGERS = {
  i32: { min: -(2n ** 31n), max: 2n ** 31n - 1n, text: /^[+-]?[0-9]+$/ },
  u32: { min: 0n, max: 2n ** 32n - 1n, text: /^\+?[0-9]+$/ },
  i64: { min: -(2n ** 63n), max: 2n ** 63n - 1n, text: /^[+-]?[0-9]+$/ },
  u64: { min: 0n, max: 2n ** 64n - 1n, text: /^\+?[0-9]+$/ },
};
const FLOAT_TEXT = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

function integerReader({ min, max, text }) {
  const low = Number(min);
  const high = Number(max);
  return (value) => {
    if (typeof value === "number") return Number.isInteger(value) && value >= low && value <= high ? value : NO_FIT;
    if (typeof value === "string") {
      const trimmed = trim(value);
      if (!text.test(trimmed)) return NO_FIT;
      const exact = BigInt(trimmed);
      return exact >= min && exact <= max ? Number(exact) : NO_FIT;
    }
    return value === null ? NULL : NO_FIT;
  };
}

const SCALARS = {
  string: (value) => {
    if (typeof value === "string") return value;
    if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : floatText(value);
    return value === null ? NULL : NO_FIT;
  },
  bool: (value) => {
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    return value === null ? NULL : NO_FIT;
  },
  f64: (value) => {
    if (typeof value === "number") return value;
    if (typeof value === "string") {
      const trimmed = trim(value);
      const number = FLOAT_TEXT.test(trimmed) ? Number(trimmed) : NaN;
      return Number.isFinite(number) ? number : NO_FIT;
    }
    return value === null ? NULL : NO_FIT;
  },
  timestamp: (value) => (typeof value === "string" ? value : value === null ? NULL : NO_FIT),
  signed_url: (value) => (typeof value === "string" ? new SignedUrl(value) : value === null ? NULL : NO_FIT),
  json: (value) => (value === null ? NULL : value),
  ...Object.fromEntries(Object.entries(INTEGERS).map(([name, range]) => [name, integerReader(range)])),
};

/** Whether a type's values are models: a model, a list or map of another shape is then an error, not kept. */
const holdsModels = (type) => typeof type === "object" && ("model" in type || holdsModels(type.list ?? type.map ?? ""));

/** The rules' reader of a type, one per type. */
const built = new Map();

function of(type) {
  if (typeof type === "string") return SCALARS[type];
  const key = JSON.stringify(type);
  let reader = built.get(key);
  if (!reader) {
    if ("model" in type) reader = modelReader(type.model);
    else if ("enum" in type) reader = enumReader(ENUMS[type.enum]);
    else if ("list" in type) reader = listReader(type.list, of(type.list));
    else reader = mapReader(type.map, of(type.map));
    built.set(key, reader);
  }
  return reader;
}

/** Reads `object[wire]` through `read`: converted, dropped when `null`, or kept as it came when it does not fit. */
function put(object, wire, read) {
  const answer = read(object[wire]);
  if (answer === NULL) delete object[wire];
  else if (answer !== NO_FIT) object[wire] = answer;
}

const isString = (value) => typeof value === "string";

/** Whether every value of a JSON object passes `test`. */
function everyValue(object, test) {
  for (const key in object) if (!test(object[key])) return false;
  return true;
}


/** A model's reader: a JSON object read in place, `null` read as absent, anything else a broken answer. */
function modelReader(name) {
  return (value) => {
    if (isObject(value)) return models[name](value);
    if (value === null) return NULL;
    throw new Error(`expected a ${name} object, found ${shape(value)}`);
  };
}

function enumReader({ values, open }) {
  const known = new Set(values);
  return (value) => {
    if (typeof value === "string") return open || known.has(value) ? value : NO_FIT;
    return value === null ? NULL : NO_FIT;
  };
}

/**
 * A list: an array, or a JSON-encoded string of one (an empty string is an empty list, a bare value a list of one).
 * An element that does not fit keeps the list as it came from there on; a list of models that is not a list at
 * all fails the answer.
 */
function listReader(itemType, read) {
  const ofModels = holdsModels(itemType);
  const readArray = (items) => {
    for (let at = 0; at < items.length; at += 1) {
      const item = read(items[at]);
      if (item === NULL || item === NO_FIT) return NO_FIT;
      items[at] = item;
    }
    return items;
  };
  const fromText = (text) => {
    if (trim(text) === "") return [];
    try {
      const items = readList(JSON.parse(text));
      if (items !== NO_FIT && items !== NULL) return items;
    } catch {
      // Not JSON, or not a list of these: a bare value, then.
    }
    if (ofModels) return NO_FIT;
    const one = read(text);
    return one === NULL || one === NO_FIT ? NO_FIT : [one];
  };
  const readList = (value) => {
    if (Array.isArray(value)) return readArray(value);
    if (value === null) return NULL;
    if (typeof value === "string") {
      const items = fromText(value);
      if (items !== NO_FIT) return items;
    }
    if (ofModels) throw new Error(`expected a list, found ${shape(value)}`);
    return NO_FIT;
  };
  return readList;
}

/** A map: an object whose values are all of the type; one that is not keeps the object as it came from there on. */
function mapReader(valueType, read) {
  const ofModels = holdsModels(valueType);
  return (value) => {
    if (value === null) return NULL;
    if (!isObject(value)) {
      if (ofModels) throw new Error(`expected an object, found ${shape(value)}`);
      return NO_FIT;
    }
    for (const key in value) {
      const entry = read(value[key]);
      if (entry === NULL || entry === NO_FIT) return NO_FIT;
      value[key] = entry;
    }
    return value;
  };
}

// BEGIN GENERATED READERS: written from the core's `wire_model!` declarations; do not edit by hand, run
// `DRIVEKIT_UPDATE_STUBS=1 cargo test -p drivekit-core --test browser_schema` instead.
/** How deep an answer's JSON may nest: the core's limit. */
const MAX_JSON_DEPTH = 127;

/** The enums the models use: the values this version knows, and whether others are kept as sent. */
const ENUMS = {
  DeltaOp: { values: ["create", "overwrite", "delete", "update", "move", "trash", "restore", "rename"], open: true },
};

/**
 * Every model's reader, each reading a JSON object in place: the members already what the core makes of
 * them are left as they are, the others go through the rules. `of` gives the rules' reader of a type, `put`
 * reads a member through one; the others tell values apart and make signed URLs.
 */
function compile({ of, put, isObject, isString, everyValue, SignedUrl }) {
  const t0 = of("string");
  const t1 = of("timestamp");
  const t2 = of("bool");
  const t3 = of("u64");
  const t4 = of({ list: "string" });
  const t5 = of("signed_url");
  const t6 = of({ model: "InvestigationInfo" });
  const t7 = of({ map: "signed_url" });
  const t8 = of({ model: "ImageMediaMetadata" });
  const t9 = of({ map: "string" });
  const t10 = of({ map: { model: "StreamInfo" } });
  const t11 = of("i64");
  const t12 = of({ model: "VideoMediaMetadata" });
  const t13 = of({ model: "DirSizeInfo" });
  const t14 = of({ model: "SemanticResult" });
  const t15 = of("u32");
  const t16 = of({ list: { model: "ImageTag" } });
  const t17 = of({ list: { model: "FaceThumbnail" } });
  const t18 = of({ model: "ImageQuality" });
  const t19 = of("f64");
  const t20 = of({ list: { model: "VideoStream" } });
  const t21 = of({ list: { model: "AudioStream" } });
  const t22 = of({ list: { model: "DocumentContent" } });
  const t23 = of({ list: { model: "SceneContent" } });
  const t24 = of({ list: { model: "ElementContent" } });
  const t25 = of({ list: "i64" });
  const t26 = of({ list: { model: "KeyFrame" } });
  const t27 = of({ list: { model: "DeltaItem" } });
  const t28 = of({ enum: "DeltaOp" });
  const t29 = of({ model: "File" });
  const t30 = of({ list: { model: "File" } });
  const t31 = of({ list: { model: "AlbumContent" } });

  function File(v) {
    let x;
    if ((x = v.domain_id) !== undefined && !(typeof x === "string")) put(v, "domain_id", t0);
    if ((x = v.drive_id) !== undefined && !(typeof x === "string")) put(v, "drive_id", t0);
    if ((x = v.file_id) !== undefined && !(typeof x === "string")) put(v, "file_id", t0);
    if ((x = v.name) !== undefined && !(typeof x === "string")) put(v, "name", t0);
    if ((x = v.type) !== undefined && !(typeof x === "string")) put(v, "type", t0);
    if ((x = v.content_type) !== undefined && !(typeof x === "string")) put(v, "content_type", t0);
    if ((x = v.created_at) !== undefined && !(typeof x === "string")) put(v, "created_at", t1);
    if ((x = v.updated_at) !== undefined && !(typeof x === "string")) put(v, "updated_at", t1);
    if ((x = v.description) !== undefined && !(typeof x === "string")) put(v, "description", t0);
    if ((x = v.trashed_at) !== undefined && !(typeof x === "string")) put(v, "trashed_at", t1);
    if ((x = v.file_extension) !== undefined && !(typeof x === "string")) put(v, "file_extension", t0);
    if ((x = v.mime_type) !== undefined && !(typeof x === "string")) put(v, "mime_type", t0);
    if ((x = v.mime_extension) !== undefined && !(typeof x === "string")) put(v, "mime_extension", t0);
    if ((x = v.hidden) !== undefined && !(typeof x === "boolean")) put(v, "hidden", t2);
    if ((x = v.size) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 18446744073709551615)) put(v, "size", t3);
    if ((x = v.starred) !== undefined && !(typeof x === "boolean")) put(v, "starred", t2);
    if ((x = v.status) !== undefined && !(typeof x === "string")) put(v, "status", t0);
    if ((x = v.user_meta) !== undefined && !(typeof x === "string")) put(v, "user_meta", t0);
    if ((x = v.labels) !== undefined && !(Array.isArray(x) && x.every(isString))) put(v, "labels", t4);
    if ((x = v.upload_id) !== undefined && !(typeof x === "string")) put(v, "upload_id", t0);
    if ((x = v.parent_file_id) !== undefined && !(typeof x === "string")) put(v, "parent_file_id", t0);
    if ((x = v.crc64_hash) !== undefined && !(typeof x === "string")) put(v, "crc64_hash", t0);
    if ((x = v.content_hash) !== undefined && !(typeof x === "string")) put(v, "content_hash", t0);
    if ((x = v.content_hash_name) !== undefined && !(typeof x === "string")) put(v, "content_hash_name", t0);
    if ((x = v.download_url) !== undefined) { if (typeof x === "string") v.download_url = new SignedUrl(x); else put(v, "download_url", t5); }
    if ((x = v.thumbnail) !== undefined) { if (typeof x === "string") v.thumbnail = new SignedUrl(x); else put(v, "thumbnail", t5); }
    if ((x = v.category) !== undefined && !(typeof x === "string")) put(v, "category", t0);
    if ((x = v.local_created_at) !== undefined && !(typeof x === "string")) put(v, "local_created_at", t1);
    if ((x = v.local_modified_at) !== undefined && !(typeof x === "string")) put(v, "local_modified_at", t1);
    if ((x = v.revision_id) !== undefined && !(typeof x === "string")) put(v, "revision_id", t0);
    if ((x = v.investigation_info) !== undefined) { if (isObject(x)) InvestigationInfo(x); else put(v, "investigation_info", t6); }
    if ((x = v.thumbnail_urls) !== undefined) {
      if (isObject(x) && everyValue(x, isString)) for (const key in x) x[key] = new SignedUrl(x[key]);
      else put(v, "thumbnail_urls", t7);
    }
    if ((x = v.image_media_metadata) !== undefined) { if (isObject(x)) ImageMediaMetadata(x); else put(v, "image_media_metadata", t8); }
    if ((x = v.ex_fields_info) !== undefined && !(isObject(x) && everyValue(x, isString))) put(v, "ex_fields_info", t9);
    if ((x = v.content_uri) !== undefined) { if (typeof x === "string") v.content_uri = new SignedUrl(x); else put(v, "content_uri", t5); }
    if ((x = v.streams_info) !== undefined) {
      if (isObject(x) && everyValue(x, isObject)) for (const key in x) StreamInfo(x[key]);
      else put(v, "streams_info", t10);
    }
    if ((x = v.user_tags) !== undefined && !(isObject(x) && everyValue(x, isString))) put(v, "user_tags", t9);
    if ((x = v.revision_version) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= -9223372036854775808 && x <= 9223372036854775807)) put(v, "revision_version", t11);
    if ((x = v.video_media_metadata) !== undefined) { if (isObject(x)) VideoMediaMetadata(x); else put(v, "video_media_metadata", t12); }
    if ((x = v.punish_flag) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= -9223372036854775808 && x <= 9223372036854775807)) put(v, "punish_flag", t11);
    if ((x = v.id_path) !== undefined && !(typeof x === "string")) put(v, "id_path", t0);
    if ((x = v.name_path) !== undefined && !(typeof x === "string")) put(v, "name_path", t0);
    if ((x = v.creator_type) !== undefined && !(typeof x === "string")) put(v, "creator_type", t0);
    if ((x = v.creator_id) !== undefined && !(typeof x === "string")) put(v, "creator_id", t0);
    if ((x = v.creator_name) !== undefined && !(typeof x === "string")) put(v, "creator_name", t0);
    if ((x = v.last_modifier_type) !== undefined && !(typeof x === "string")) put(v, "last_modifier_type", t0);
    if ((x = v.last_modifier_id) !== undefined && !(typeof x === "string")) put(v, "last_modifier_id", t0);
    if ((x = v.last_modifier_name) !== undefined && !(typeof x === "string")) put(v, "last_modifier_name", t0);
    if ((x = v.dir_size_info) !== undefined) { if (isObject(x)) DirSizeInfo(x); else put(v, "dir_size_info", t13); }
    if ((x = v.trashed) !== undefined && !(typeof x === "boolean")) put(v, "trashed", t2);
    if ((x = v.action_list) !== undefined && !(Array.isArray(x) && x.every(isString))) put(v, "action_list", t4);
    if ((x = v.location) !== undefined && !(typeof x === "string")) put(v, "location", t0);
    if ((x = v.semantic_result) !== undefined) { if (isObject(x)) SemanticResult(x); else put(v, "semantic_result", t14); }
    if ((x = v.sync_flag) !== undefined && !(typeof x === "boolean")) put(v, "sync_flag", t2);
    if ((x = v.sync_device_flag) !== undefined && !(typeof x === "boolean")) put(v, "sync_device_flag", t2);
    if ((x = v.origin_parent_file_id) !== undefined && !(typeof x === "string")) put(v, "origin_parent_file_id", t0);
    if ((x = v.url) !== undefined) { if (typeof x === "string") v.url = new SignedUrl(x); else put(v, "url", t5); }
    if ((x = v.custom_field_1) !== undefined && !(typeof x === "string")) put(v, "custom_field_1", t0);
    if ((x = v.custom_field_2) !== undefined && !(typeof x === "string")) put(v, "custom_field_2", t0);
    if ((x = v.auto_delete_left_sec) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= -9223372036854775808 && x <= 9223372036854775807)) put(v, "auto_delete_left_sec", t11);
    return v;
  }

  function InvestigationInfo(v) {
    let x;
    if ((x = v.status) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= -9223372036854775808 && x <= 9223372036854775807)) put(v, "status", t11);
    if ((x = v.suggestion) !== undefined && !(typeof x === "string")) put(v, "suggestion", t0);
    return v;
  }

  function DirSizeInfo(v) {
    let x;
    if ((x = v.dir_count) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 18446744073709551615)) put(v, "dir_count", t3);
    if ((x = v.file_count) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 18446744073709551615)) put(v, "file_count", t3);
    return v;
  }

  function StreamInfo(v) {
    let x;
    if ((x = v.crc64_hash) !== undefined && !(typeof x === "string")) put(v, "crc64_hash", t0);
    if ((x = v.size) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 18446744073709551615)) put(v, "size", t3);
    if ((x = v.content_hash) !== undefined && !(typeof x === "string")) put(v, "content_hash", t0);
    if ((x = v.content_hash_name) !== undefined && !(typeof x === "string")) put(v, "content_hash_name", t0);
    if ((x = v.download_url) !== undefined) { if (typeof x === "string") v.download_url = new SignedUrl(x); else put(v, "download_url", t5); }
    if ((x = v.url) !== undefined) { if (typeof x === "string") v.url = new SignedUrl(x); else put(v, "url", t5); }
    if ((x = v.thumbnail) !== undefined) { if (typeof x === "string") v.thumbnail = new SignedUrl(x); else put(v, "thumbnail", t5); }
    return v;
  }

  function ImageMediaMetadata(v) {
    let x;
    if ((x = v.time) !== undefined && !(typeof x === "string")) put(v, "time", t1);
    if ((x = v.width) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 4294967295)) put(v, "width", t15);
    if ((x = v.height) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 4294967295)) put(v, "height", t15);
    if ((x = v.location) !== undefined && !(typeof x === "string")) put(v, "location", t0);
    if ((x = v.country) !== undefined && !(typeof x === "string")) put(v, "country", t0);
    if ((x = v.province) !== undefined && !(typeof x === "string")) put(v, "province", t0);
    if ((x = v.city) !== undefined && !(typeof x === "string")) put(v, "city", t0);
    if ((x = v.district) !== undefined && !(typeof x === "string")) put(v, "district", t0);
    if ((x = v.township) !== undefined && !(typeof x === "string")) put(v, "township", t0);
    if ((x = v.address_line) !== undefined && !(typeof x === "string")) put(v, "address_line", t0);
    if ((x = v.image_tags) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) ImageTag(item);
      else put(v, "image_tags", t16);
    }
    if ((x = v.faces) !== undefined && !(typeof x === "string")) put(v, "faces", t0);
    if ((x = v.faces_thumbnail) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) FaceThumbnail(item);
      else put(v, "faces_thumbnail", t17);
    }
    if ((x = v.exif) !== undefined && !(typeof x === "string")) put(v, "exif", t0);
    if ((x = v.image_quality) !== undefined) { if (isObject(x)) ImageQuality(x); else put(v, "image_quality", t18); }
    return v;
  }

  function ImageTag(v) {
    let x;
    if ((x = v.confidence) !== undefined && !(typeof x === "number")) put(v, "confidence", t19);
    if ((x = v.parent_name) !== undefined && !(typeof x === "string")) put(v, "parent_name", t0);
    if ((x = v.name) !== undefined && !(typeof x === "string")) put(v, "name", t0);
    if ((x = v.tag_level) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= -9223372036854775808 && x <= 9223372036854775807)) put(v, "tag_level", t11);
    if ((x = v.source) !== undefined && !(typeof x === "string")) put(v, "source", t0);
    if ((x = v.centric_score) !== undefined && !(typeof x === "number")) put(v, "centric_score", t19);
    return v;
  }

  function FaceThumbnail(v) {
    let x;
    if ((x = v.face_id) !== undefined && !(typeof x === "string")) put(v, "face_id", t0);
    if ((x = v.face_group_id) !== undefined && !(typeof x === "string")) put(v, "face_group_id", t0);
    if ((x = v.face_thumbnail) !== undefined) { if (typeof x === "string") v.face_thumbnail = new SignedUrl(x); else put(v, "face_thumbnail", t5); }
    return v;
  }

  function ImageQuality(v) {
    let x;
    if ((x = v.overall_score) !== undefined && !(typeof x === "number")) put(v, "overall_score", t19);
    return v;
  }

  function VideoMediaMetadata(v) {
    let x;
    if ((x = v.time) !== undefined && !(typeof x === "string")) put(v, "time", t1);
    if ((x = v.width) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 4294967295)) put(v, "width", t15);
    if ((x = v.height) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 4294967295)) put(v, "height", t15);
    if ((x = v.location) !== undefined && !(typeof x === "string")) put(v, "location", t0);
    if ((x = v.country) !== undefined && !(typeof x === "string")) put(v, "country", t0);
    if ((x = v.province) !== undefined && !(typeof x === "string")) put(v, "province", t0);
    if ((x = v.city) !== undefined && !(typeof x === "string")) put(v, "city", t0);
    if ((x = v.district) !== undefined && !(typeof x === "string")) put(v, "district", t0);
    if ((x = v.township) !== undefined && !(typeof x === "string")) put(v, "township", t0);
    if ((x = v.address_line) !== undefined && !(typeof x === "string")) put(v, "address_line", t0);
    if ((x = v.video_media_video_stream) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) VideoStream(item);
      else put(v, "video_media_video_stream", t20);
    }
    if ((x = v.video_media_audio_stream) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) AudioStream(item);
      else put(v, "video_media_audio_stream", t21);
    }
    return v;
  }

  function VideoStream(v) {
    let x;
    if ((x = v.duration) !== undefined && !(typeof x === "string")) put(v, "duration", t0);
    if ((x = v.bitrate) !== undefined && !(typeof x === "string")) put(v, "bitrate", t0);
    if ((x = v.code_name) !== undefined && !(typeof x === "string")) put(v, "code_name", t0);
    if ((x = v.frame_count) !== undefined && !(typeof x === "string")) put(v, "frame_count", t0);
    return v;
  }

  function AudioStream(v) {
    let x;
    if ((x = v.duration) !== undefined && !(typeof x === "string")) put(v, "duration", t0);
    if ((x = v.bit_rate) !== undefined && !(typeof x === "string")) put(v, "bit_rate", t0);
    if ((x = v.code_name) !== undefined && !(typeof x === "string")) put(v, "code_name", t0);
    return v;
  }

  function SemanticResult(v) {
    let x;
    if ((x = v.semantic_similarity) !== undefined && !(typeof x === "number")) put(v, "semantic_similarity", t19);
    if ((x = v.document_contents) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) DocumentContent(item);
      else put(v, "document_contents", t22);
    }
    if ((x = v.scene_contents) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) SceneContent(item);
      else put(v, "scene_contents", t23);
    }
    return v;
  }

  function DocumentContent(v) {
    let x;
    if ((x = v.element_contents) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) ElementContent(item);
      else put(v, "element_contents", t24);
    }
    return v;
  }

  function ElementContent(v) {
    let x;
    if ((x = v.type) !== undefined && !(typeof x === "string")) put(v, "type", t0);
    if ((x = v.content) !== undefined && !(typeof x === "string")) put(v, "content", t0);
    if ((x = v.url) !== undefined) { if (typeof x === "string") v.url = new SignedUrl(x); else put(v, "url", t5); }
    if (v.time_range !== undefined) put(v, "time_range", t25);
    return v;
  }

  function SceneContent(v) {
    let x;
    if (v.time_range !== undefined) put(v, "time_range", t25);
    if ((x = v.key_frames) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) KeyFrame(item);
      else put(v, "key_frames", t26);
    }
    if ((x = v.thumbnail_url) !== undefined) { if (typeof x === "string") v.thumbnail_url = new SignedUrl(x); else put(v, "thumbnail_url", t5); }
    return v;
  }

  function KeyFrame(v) {
    let x;
    if ((x = v.frame_time) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= -9223372036854775808 && x <= 9223372036854775807)) put(v, "frame_time", t11);
    if ((x = v.thumbnail_url) !== undefined) { if (typeof x === "string") v.thumbnail_url = new SignedUrl(x); else put(v, "thumbnail_url", t5); }
    return v;
  }

  function DeltaPage(v) {
    let x;
    if ((x = v.items) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) DeltaItem(item);
      else put(v, "items", t27);
    }
    if ((x = v.has_more) !== undefined && !(typeof x === "boolean")) put(v, "has_more", t2);
    if ((x = v.cursor) !== undefined && !(typeof x === "string")) put(v, "cursor", t0);
    return v;
  }

  function DeltaItem(v) {
    let x;
    if ((x = v.file_id) !== undefined && !(typeof x === "string")) put(v, "file_id", t0);
    if ((x = v.op) !== undefined && !(typeof x === "string")) put(v, "op", t28);
    if ((x = v.file) !== undefined) { if (isObject(x)) File(x); else put(v, "file", t29); }
    return v;
  }

  function RecyclebinPage(v) {
    let x;
    if ((x = v.items) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) File(item);
      else put(v, "items", t30);
    }
    if ((x = v.next_marker) !== undefined && !(typeof x === "string")) put(v, "next_marker", t0);
    return v;
  }

  function LastCursor(v) {
    let x;
    if ((x = v.cursor) !== undefined && !(typeof x === "string")) put(v, "cursor", t0);
    return v;
  }

  function AlbumContent(v) {
    let x;
    if ((x = v.id) !== undefined && !(typeof x === "string")) put(v, "id", t0);
    if ((x = v.takeTime) !== undefined && !(typeof x === "string")) put(v, "takeTime", t1);
    if ((x = v.ownerId) !== undefined && !(typeof x === "string")) put(v, "ownerId", t0);
    if ((x = v.fileName) !== undefined && !(typeof x === "string")) put(v, "fileName", t0);
    if ((x = v.mimeType) !== undefined && !(typeof x === "string")) put(v, "mimeType", t0);
    if ((x = v.fileType) !== undefined && !(typeof x === "string")) put(v, "fileType", t0);
    if ((x = v.fileSuffix) !== undefined && !(typeof x === "string")) put(v, "fileSuffix", t0);
    if ((x = v.parentFolder) !== undefined && !(Array.isArray(x) && x.every(isString))) put(v, "parentFolder", t4);
    if ((x = v.containers) !== undefined && !(Array.isArray(x) && x.every(isString))) put(v, "containers", t4);
    if ((x = v.createdTime) !== undefined && !(typeof x === "string")) put(v, "createdTime", t1);
    if ((x = v.editedTime) !== undefined && !(typeof x === "string")) put(v, "editedTime", t1);
    if ((x = v.recycled) !== undefined && !(typeof x === "boolean")) put(v, "recycled", t2);
    if ((x = v.contentUrl) !== undefined) { if (typeof x === "string") v.contentUrl = new SignedUrl(x); else put(v, "contentUrl", t5); }
    if ((x = v.thumbnailUrl) !== undefined) { if (typeof x === "string") v.thumbnailUrl = new SignedUrl(x); else put(v, "thumbnailUrl", t5); }
    if ((x = v.favorite) !== undefined && !(typeof x === "boolean")) put(v, "favorite", t2);
    if ((x = v.addTime) !== undefined && !(typeof x === "string")) put(v, "addTime", t1);
    if ((x = v.size) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 18446744073709551615)) put(v, "size", t3);
    if ((x = v.creatingUser) !== undefined && !(typeof x === "string")) put(v, "creatingUser", t0);
    if ((x = v.adderUserId) !== undefined && !(typeof x === "string")) put(v, "adderUserId", t0);
    return v;
  }

  function AlbumFilesPage(v) {
    let x;
    if ((x = v.contentList) !== undefined) {
      if (Array.isArray(x) && x.every(isObject)) for (const item of x) AlbumContent(item);
      else put(v, "contentList", t31);
    }
    if ((x = v.nextPageCursor) !== undefined && !(typeof x === "string")) put(v, "nextPageCursor", t0);
    if ((x = v.total) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= 0 && x <= 18446744073709551615)) put(v, "total", t3);
    if ((x = v.code) !== undefined && !(typeof x === "number" && Number.isInteger(x) && x >= -9223372036854775808 && x <= 9223372036854775807)) put(v, "code", t11);
    if ((x = v.msg) !== undefined && !(typeof x === "string")) put(v, "msg", t0);
    return v;
  }

  return { File, InvestigationInfo, DirSizeInfo, StreamInfo, ImageMediaMetadata, ImageTag, FaceThumbnail, ImageQuality, VideoMediaMetadata, VideoStream, AudioStream, SemanticResult, DocumentContent, ElementContent, SceneContent, KeyFrame, DeltaPage, DeltaItem, RecyclebinPage, LastCursor, AlbumContent, AlbumFilesPage };
}
// END GENERATED READERS

/** Every model's reader, by the model's name. */
const models = compile({ of, put, isObject, isString, everyValue, SignedUrl });
