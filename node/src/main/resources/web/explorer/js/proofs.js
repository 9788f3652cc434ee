// What the browser checks itself rather than believing the node: RFC 6962 inclusion proofs (as core's Rfc6962 and
// InclusionProof), block headers against their bytes, and quorum certificates against the genesis node keys (as the
// SDK's HeaderCertificates). Hashes and signatures are WebCrypto's; this file only arranges bytes.
import { b64ToBytes, concat, derAt, derChildren, equal, fromHex, hex, pemToDer, protoFields } from './bytes.js';

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** SHA-256(0x00 || data). */
export function leafHash(data) { return sha256(concat(Uint8Array.of(0), data)); }

/** SHA-256(0x01 || left || right), both 32-byte hashes. */
export function nodeHash(left, right) {
  if (left.length !== 32 || right.length !== 32) throw new Error('a node hashes two 32-byte hashes');
  return sha256(concat(Uint8Array.of(1), left, right));
}

/** The root an audit path gives for a leaf hash (RFC 9162 §2.1.3.2), as InclusionProof.rootFromPath. */
export async function rootFromPath(leafIndex, treeSize, leaf, path) {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new Error('leaf ' + leafIndex + ' is outside a tree of ' + treeSize);
  let fn = BigInt(leafIndex), sn = BigInt(treeSize) - 1n, r = leaf;
  for (const p of path) {
    if (sn === 0n) throw new Error('the audit path is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  if (sn !== 0n) throw new Error('the audit path is too short');
  return r;
}

const str = v => (v ? new TextDecoder().decode(v) : '');
const num = v => (v === undefined ? 0 : Number(v));

/** The fields of a serialized BlockHeader (core careledger.proto). */
export function decodeHeader(bytes) {
  const f = protoFields(bytes);
  const one = n => (f.get(n) || [])[0];
  return { chainId: str(one(1)), height: num(one(2)), prevHash: hex(one(3) || new Uint8Array()),
    timestampMillis: num(one(4)), logSize: num(one(5)), logRoot: hex(one(6) || new Uint8Array()),
    txCount: num(one(9)), proposer: str(one(10)) };
}

/** The signed fields of a TxEnvelope (payload bytes and the TxPayload inside). */
export function decodeEnvelope(bytes) {
  const env = protoFields(bytes);
  const payload = (env.get(1) || [])[0] || new Uint8Array();
  const f = protoFields(payload);
  const one = n => (f.get(n) || [])[0];
  return { payload, chainId: str(one(1)), signer: str(one(2)), nonce: num(one(3)), contract: str(one(4)),
    method: str(one(5)) };
}

/**
 * The block signers the browser trusts, from genesis.json: each org's node certificate key (ECDSA P-256) under
 * "<org>/node", and the quorum ⌊2n/3⌋+1 of the n orgs (GenesisNodes in the SDK).
 */
export async function genesisNodes(genesisText) {
  const g = JSON.parse(genesisText);
  if (!g.chainId || !Array.isArray(g.orgs) || g.orgs.length === 0) throw new Error('genesis needs a chainId and orgs');
  const keys = new Map();
  for (const org of g.orgs) {
    const der = pemToDer(org.nodeCertificate || '', 'CERTIFICATE');
    try {
      const key = await crypto.subtle.importKey('spki', certificateSpki(der), { name: 'ECDSA', namedCurve: 'P-256' },
        false, ['verify']);
      keys.set(org.id + '/node', key);
    } catch (e) { /* not a P-256 node key: counts towards n, signs no block (as on the nodes) */ }
  }
  return { chainId: g.chainId, keys, orgCount: g.orgs.length, quorum: Math.floor(2 * g.orgs.length / 3) + 1 };
}

/** The SubjectPublicKeyInfo of an X.509 certificate (the 7th field of tbsCertificate, or 6th without version). */
function certificateSpki(der) {
  const tbs = derChildren(der, derAt(der, 0))[0];
  const fields = derChildren(der, tbs);
  const at = fields[0].tag === 0xa0 ? 6 : 5;
  return der.slice(fields[at].start, fields[at].end);
}

/** An ECDSA DER signature as WebCrypto's r ‖ s (32 bytes each). */
function derToP1363(sig) {
  const ints = derChildren(sig, derAt(sig, 0));
  if (ints.length !== 2) throw new Error('not an ECDSA signature');
  const out = new Uint8Array(64);
  ints.forEach((t, k) => {
    let v = sig.slice(t.body, t.end);
    while (v.length > 32 && v[0] === 0) v = v.slice(1);
    if (v.length > 32) throw new Error('not a P-256 signature');
    out.set(v, 32 * k + 32 - v.length);
  });
  return out;
}

/**
 * Checks a HeaderView: its bytes hash to its hash, its JSON fields are those of the bytes, and (with genesis) every
 * certificate signature is by a distinct genesis node and verifies over the hash. Throws on anything forged.
 * Answers { header, hash, signers, quorum, certified } — certified is null when no genesis was loaded.
 */
export async function checkHeader(view, genesis) {
  const bytes = b64ToBytes(view.headerBytes);
  const hash = await sha256(bytes);
  if (hex(hash) !== view.hash) throw new Error('the header bytes hash to ' + hex(hash) + ', not to ' + view.hash);
  const h = decodeHeader(bytes);
  for (const k of ['chainId', 'height', 'prevHash', 'timestampMillis', 'logSize', 'logRoot', 'txCount']) {
    if (h[k] !== view[k]) throw new Error('the header field ' + k + ' is not that of the header bytes');
  }
  if (!genesis) return { header: h, hash: hex(hash), signers: [], quorum: null, certified: null };
  if (h.chainId !== genesis.chainId) throw new Error('block of chain ' + h.chainId + ', not ' + genesis.chainId);
  const c = view.certificate;
  const signers = [];
  if (c) {
    if (c.height !== h.height || c.blockHash !== hex(hash)) throw new Error('the certificate is for another block');
    for (const s of c.signatures) {
      const key = genesis.keys.get(s.nodeId);
      if (!key) throw new Error('a signature by ' + s.nodeId + ', which is not a genesis node');
      if (signers.includes(s.nodeId)) throw new Error('the certificate counts ' + s.nodeId + ' twice');
      const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, derToP1363(fromHex(s.signature)),
        hash);
      if (!ok) throw new Error('the signature of ' + s.nodeId + ' does not verify under its genesis key');
      signers.push(s.nodeId);
    }
  }
  return { header: h, hash: hex(hash), signers, quorum: genesis.quorum, certified: signers.length >= genesis.quorum };
}

/**
 * Checks a TxProofView ({ tx, proof, header }) end to end; answers { ok, steps: [{ what, ok, detail }] }. The
 * transaction id must be the SHA-256 of the signed payload, the payload must name the signer, contract and method
 * shown, the leaf must be that id's RFC 6962 leaf, the path must lead to the header's log root, and the header must
 * be its bytes (and quorum-certified, when genesis is loaded).
 */
export async function checkTxProof(view, genesis) {
  const steps = [];
  const step = (what, ok, detail) => { steps.push({ what, ok, detail }); return ok; };
  try {
    const { tx, proof, header } = view;
    const env = decodeEnvelope(b64ToBytes(tx.envelope));
    const id = await sha256(env.payload);
    step('transaction id = SHA-256 of the signed payload', hex(id) === tx.txId, hex(id));
    step('payload names the signer, contract and method shown',
      env.signer === tx.signer && env.contract === tx.contract && env.method === tx.method,
      env.signer + ' ' + env.contract + '.' + env.method);
    const leaf = await leafHash(fromHex(tx.txId));
    step('leaf hash = SHA-256(0x00 ‖ tx id)', hex(leaf) === proof.leafHash, hex(leaf));
    const checked = await checkHeader(header, genesis);
    step('header bytes hash to the block hash; fields match', true, 'block ' + checked.header.height + ' ' + checked.hash);
    step('proof is for the header\'s tree', proof.treeSize === checked.header.logSize
      && proof.root === checked.header.logRoot, 'tree of ' + checked.header.logSize + ' leaves');
    const root = await rootFromPath(proof.leafIndex, proof.treeSize, leaf, proof.path.map(fromHex));
    const rootOk = equal(root, fromHex(checked.header.logRoot));
    step('audit path leads to the header\'s log root', rootOk,
      rootOk ? hex(root) : 'it leads to ' + hex(root) + ', which is not the certified root ' + checked.header.logRoot);
    if (checked.certified === null) {
      step('quorum certificate', true, 'not checked: load the network\'s genesis.json when signing in to check it');
    } else {
      step('quorum certificate: genesis node signatures (ECDSA P-256)', checked.certified,
        checked.signers.length + ' valid (' + checked.quorum + ' needed): ' + checked.signers.join(', '));
    }
  } catch (e) {
    step('proof is well-formed', false, e.message);
  }
  return { ok: steps.every(s => s.ok), steps };
}

