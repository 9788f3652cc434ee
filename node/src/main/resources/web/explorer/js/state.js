// What the user loaded besides the key: the network's genesis (trust anchor for quorum certificates), or null.
export const session = { genesis: null };
