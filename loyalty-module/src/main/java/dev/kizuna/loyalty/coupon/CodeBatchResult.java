package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The codes a {@link CodeRequest} made: a batch of unassigned codes (exported as CSV, never shown here), or the
 * personal codes assigned, one per customer.
 *
 * @param batch    the batch of unassigned codes; null when assigned
 * @param assigned the codes per customer; null for a batch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodeBatchResult(long campaignId, Long batch, int generated, List<AssignedCode> assigned) {

    public record AssignedCode(String customerId, String code) {
    }
}
