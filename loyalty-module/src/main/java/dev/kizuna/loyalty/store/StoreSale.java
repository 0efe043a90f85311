package dev.kizuna.loyalty.store;

import java.time.Instant;

/**
 * One row of a store's sales export: a line of a receipt, a returned line, or a voided receipt. The member is
 * named by member number (the shop's customer id), e-mail or phone, whichever the till recorded; the first given
 * is used.
 *
 * @param line the row's line number in the file (the header is line 1)
 */
public record StoreSale(int line, String storeId, String receiptNo, Instant soldAt, String memberNumber, String email,
                        String phone, Type type, String sku, String category, int quantity, long unitPrice,
                        long discount) {

    /** SALE: a line sold; RETURN: units of a sold line brought back; CANCEL: the whole receipt voided. */
    public enum Type { SALE, RETURN, CANCEL }

    /** The receipt's order in Kizuna: store sales are orders of {@code Channel.STORE} named by store and receipt. */
    public String orderRef() {
        return "store:" + storeId + ":" + receiptNo;
    }
}
