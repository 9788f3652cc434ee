package org.careledger.node.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import org.careledger.ledger.LedgerVerifier;
import org.careledger.ledger.VerificationReport;
import org.careledger.node.NodeAssembly;
import org.careledger.node.NodeConfig;
import org.careledger.node.NodeFiles;
import org.careledger.node.reads.ReadLog;
import org.careledger.node.reads.ReadLogReport;

/** What {@code careledger verify} checks in one node directory, for backup and restore to run on their result. */
record NodeDirCheck(NodeFiles.Report files, VerificationReport store, ReadLogReport reads) {
    /** Node files, the store from genesis, the read log if there is one; throws naming the first failure. */
    static NodeDirCheck run(Path nodeDir) {
        NodeFiles.Report files = NodeFiles.verify(nodeDir);
        VerificationReport store = new LedgerVerifier(NodeAssembly.contracts(), NodeAssembly.certificateCheck())
                .verify(nodeDir.resolve(NodeConfig.read(nodeDir).dataDir()));
        Path reads = ReadLog.dirOf(nodeDir);
        return new NodeDirCheck(files, store, Files.isDirectory(reads) ? ReadLog.verify(reads) : null);
    }
}
