// What the user loaded besides the key: the network's genesis (trust anchor for quorum certificates), or null.
// walletKey: the patient's X25519 key pair (non-extractable private half) from the wallet's encryption.key, or null.
export const session = { genesis: null, walletKey: null };
