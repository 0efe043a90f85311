package dev.kizuna.core.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Rows for {@code COPY … FROM STDIN (FORMAT binary)}, PostgreSQL's fastest way in for many rows: no statement text
 * and no array literals to parse, each value sent as it is stored. A broadcast's batch (its outbox mails, messages
 * and coupon codes) is written this way. Values are added row by row in the order the COPY names its columns, each
 * as its column's exact type ({@code bigint}, {@code int}, {@code text}, {@code timestamptz}). Constraints and
 * triggers hold as for an INSERT; a duplicate key fails the statement (there is no ON CONFLICT).
 */
public final class CopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL's timestamps count microseconds from 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_SECOND = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

    private final int columns;
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;
    private int inRow;
    private int rows;

    public CopyRows(int columns, int expectedRows) {
        this.columns = columns;
        this.bytes = new ByteArrayOutputStream(Math.max(64, expectedRows * columns * 16));
        this.out = new DataOutputStream(bytes);
        try {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.inRow = columns;
    }

    /** Starts the next row. */
    public CopyRows row() {
        if (inRow != columns) {
            throw new IllegalStateException("row " + rows + " has " + inRow + " of " + columns + " values");
        }
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

    /** Runs {@code copy} ({@code COPY table (columns) FROM STDIN (FORMAT binary)}) with the rows; returns their count. */
    public long into(Tx tx, String copy) {
        if (inRow != columns) {
            throw new IllegalStateException("row " + rows + " has " + inRow + " of " + columns + " values");
        }
        try {
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tx.sql().copyIn(copy, bytes.toByteArray());
    }

    public int rows() {
        return rows;
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
