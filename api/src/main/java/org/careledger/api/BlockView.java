package org.careledger.api;

import java.util.List;

/** A block: its header and its transactions in order. */
public record BlockView(HeaderView header, List<TxView> txs) {
    public BlockView {
        txs = txs == null ? List.of() : List.copyOf(txs);
    }
}
