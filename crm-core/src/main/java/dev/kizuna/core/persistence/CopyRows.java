package dev.kizuna.core.persistence;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Rows for {@code COPY … FROM STDIN (FORMAT binary)}, PostgreSQL's fastest way in for many rows: no statement text
 * and no array literals to parse, each value sent as it is stored. A broadcast's batch (its outbox mails, messages
 * and coupon codes) is written this way. Values are added row by row in the order the COPY names its columns, each
 * as its column's exact type ({@code bigint}, {@code int}, {@code text}, {@code timestamptz}), and stream to the
 * server as they are added, so a batch of thousands of mails is never one large buffer. Constraints and triggers
 * hold as for an INSERT; a duplicate key fails the statement (there is no ON CONFLICT).
 */
public final class CopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_SECOND = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

    private final int columns;
    private final DataOutputStream out;
    private int inRow;
    private int rows;

    private CopyRows(int columns, DataOutputStream out) {
        this.columns = columns;
        this.out = out;
        this.inRow = columns;
    }

    /**
     * Runs {@code copy} ({@code COPY table (columns) FROM STDIN (FORMAT binary)}) on the transaction's connection
     * with the rows {@code rows} adds; returns their count. Should adding them fail, the COPY is cancelled.
     */
    public static long copy(Tx tx, String copy, int columns, Consumer<CopyRows> rows) {
        Sql.CopyStream stream = tx.sql().copyStream(copy);
        try {
            CopyRows r = new CopyRows(columns, new DataOutputStream(stream.out()));
            r.out.write(SIGNATURE);
            r.out.writeInt(0);
            r.out.writeInt(0);
            rows.accept(r);
            r.check();
            r.out.writeShort(-1);
            r.out.flush();
            return stream.end();
        } catch (IOException e) {
            stream.cancel();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stream.cancel();
            throw e;
        } catch (SQLException e) {
            stream.cancel();
            throw new Sql.SqlFailure(copy, e);
        }
    }

    /** Starts the next row. */
    public CopyRows row() {
        check();
        inRow = 0;
        rows++;
        try {
            out.writeShort(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A {@code bigint}; null for NULL. */
    public CopyRows add(Long value) {
        return value == null ? nullValue() : field(8, () -> out.writeLong(value));
    }

    /** An {@code int}. */
    public CopyRows add(int value) {
        return field(4, () -> out.writeInt(value));
    }

    /** A {@code text}; null for NULL. */
    public CopyRows add(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return field(utf8.length, () -> out.write(utf8));
    }

    /** A {@code timestamptz}, rounded to the microsecond as a bound parameter is; null for NULL. */
    public CopyRows add(Instant value) {
        if (value == null) {
            return nullValue();
        }
        long micros = (value.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000L + (value.getNano() + 500) / 1000;
        return field(8, () -> out.writeLong(micros));
    }

    private void check() {
        if (inRow != columns) {
            throw new IllegalStateException("row " + rows + " has " + inRow + " of " + columns + " values");
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private CopyRows nullValue() {
        return field(-1, () -> { });
    }

    private CopyRows field(int length, Write value) {
        if (inRow >= columns) {
            throw new IllegalStateException("row " + rows + " has more than " + columns + " values");
        }
        inRow++;
        try {
            out.writeInt(length);
            value.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
