package org.careledger.node.records;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.careledger.api.HeaderView;
import org.careledger.api.records.ProvenTx;
import org.careledger.consensus.Finality;
import org.careledger.core.CareledgerException;
import org.careledger.core.Hash;
import org.careledger.core.proto.Block;
import org.careledger.core.proto.TxLocation;
import org.careledger.ledger.ChainHead;
import org.careledger.ledger.Ledger;
import org.careledger.node.views.Views;

/**
 * Inclusion proofs of several transactions under one header: the head read after their locations (re-read while a
 * block that wrote a location is not yet the in-memory head).
 */
final class TxProofs {
    private static final HexFormat HEX = HexFormat.of();
    private static final int HEAD_RETRIES = 1_000;

    private final Ledger ledger;
    private final Map<String, TxLocation> locations = new HashMap<>();
    final HeaderView header;

    TxProofs(Ledger ledger, Finality finality, List<String> txIds) {
        this.ledger = ledger;
        long needed = 0;
        for (String tx : txIds) {
            if (tx != null && !locations.containsKey(tx)) {
                TxLocation loc = ledger.location(Hash.fromHex(tx)).orElse(null);
                locations.put(tx, loc);
                if (loc != null) {
                    needed = Math.max(needed, loc.getLogIndex() + 1);
                }
            }
        }
        ChainHead h = ledger.head();
        for (int i = 0; i < HEAD_RETRIES && h.logSize() < needed; i++) {
            Thread.yield();
            h = ledger.head();
        }
        if (h.height() == 0) {
            header = null;
        } else {
            long height = h.height();
            Block block = ledger.block(height).orElseThrow(() -> new CareledgerException("STORE_CORRUPTED",
                    "the head is at height " + height + " but its block is missing"));
            header = Views.header(block, Views.certificate(finality.certificate(height).orElse(null), finality.quorum()));
        }
    }

    ProvenTx of(String txIdHex) {
        TxLocation loc = txIdHex == null ? null : locations.get(txIdHex);
        if (loc == null) {
            return null;
        }
        if (header == null || loc.getLogIndex() >= header.logSize()) {
            return new ProvenTx(txIdHex, loc.getHeight(), loc.getIndex(), loc.getLogIndex(), null);
        }
        var proof = ledger.inclusionProof(loc.getLogIndex(), header.logSize());
        return new ProvenTx(txIdHex, loc.getHeight(), loc.getIndex(), loc.getLogIndex(),
                Views.proof(proof, Hash.fromHex(txIdHex).bytes(), HEX.parseHex(header.logRoot())));
    }
}
