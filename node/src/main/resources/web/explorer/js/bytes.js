// Byte helpers: base64, hex, PEM and the two binary encodings the ledger serves (protobuf, DER). Parsing only:
// every hash and signature goes through WebCrypto.
export const utf8 = new TextEncoder();

export function b64ToBytes(b64) {
  const s = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function bytesToB64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function b64url(bytes) {
  return bytesToB64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function hex(bytes) {
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(h) {
  if (typeof h !== 'string' || h.length % 2 !== 0 || /[^0-9a-fA-F]/.test(h)) throw new Error('not hex: ' + h);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(2 * i, 2), 16);
  return out;
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function equal(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The DER bytes of the first PEM block of `type` ('PRIVATE KEY', 'CERTIFICATE'). */
export function pemToDer(pem, type) {
  const m = new RegExp('-----BEGIN ' + type + '-----([\\s\\S]*?)-----END ' + type + '-----').exec(pem);
  if (!m) throw new Error('no "' + type + '" PEM block in the file');
  return b64ToBytes(m[1].replace(/\s+/g, ''));
}

/** Reads protobuf wire format: field number to list of values (Uint8Array for length-delimited, BigInt varints). */
export function protoFields(bytes) {
  const fields = new Map();
  let i = 0;
  const varint = () => {
    let v = 0n, shift = 0n;
    for (;;) {
      if (i >= bytes.length) throw new Error('truncated protobuf');
      const b = bytes[i++];
      v |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return v;
      shift += 7n;
      if (shift > 63n) throw new Error('bad protobuf varint');
    }
  };
  while (i < bytes.length) {
    const key = Number(varint());
    const field = key >>> 3, wire = key & 7;
    let value;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const n = Number(varint());
      if (i + n > bytes.length) throw new Error('truncated protobuf');
      value = bytes.slice(i, i + n); i += n;
    } else if (wire === 1) { value = bytes.slice(i, i + 8); i += 8; }
    else if (wire === 5) { value = bytes.slice(i, i + 4); i += 4; }
    else throw new Error('unsupported protobuf wire type ' + wire);
    if (!fields.has(field)) fields.set(field, []);
    fields.get(field).push(value);
  }
  return fields;
}

/** One DER TLV at `pos`: tag, where its content starts and ends. */
export function derAt(bytes, pos) {
  const tag = bytes[pos];
  let len = bytes[pos + 1], hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 3) throw new Error('unsupported DER length');
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + bytes[pos + 2 + k];
    hdr = 2 + n;
  }
  const end = pos + hdr + len;
  if (end > bytes.length) throw new Error('truncated DER');
  return { tag, start: pos, body: pos + hdr, end };
}

/** The TLVs inside a constructed DER value. */
export function derChildren(bytes, tlv) {
  const out = [];
  for (let p = tlv.body; p < tlv.end;) { const c = derAt(bytes, p); out.push(c); p = c.end; }
  return out;
}
