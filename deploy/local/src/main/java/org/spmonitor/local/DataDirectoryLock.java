package org.spmonitor.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <data>/.lock} while the stack runs, so that a second stack on the same
 * data fails with a clear message instead of corrupting the Kafka log or the H2 file.
 */
record DataDirectoryLock(FileChannel channel, FileLock lock) implements AutoCloseable {

    static DataDirectoryLock acquire(Path dataDir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OverlappingFileLockException();
            }
            return new DataDirectoryLock(channel, lock);
        }
        catch (OverlappingFileLockException ex) {
            Closing.quietly("lock file", channel);
            throw new LocalStackException("the data directory " + dataDir
                    + " is in use by another local stack; stop it or choose another with --data=<dir>");
        }
        catch (IOException ex) {
            Closing.quietly("lock file", channel);
            throw new LocalStackException("cannot use the data directory " + dataDir + ": " + ex);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
