package dev.kizuna.survey.invitation;

import dev.kizuna.core.crypto.SignedTokens;

import java.time.Instant;

/**
 * The links in invitation mails: {@code <publicBaseUrl>/crm/survey/<token>}, the token HMAC-signed by the kernel with
 * purpose {@value #PURPOSE}, the invitation id as subject and the invitation's expiry. The token itself carries no
 * state; single use is enforced by the invitation (answered once, then refused) and the answering token's id is
 * recorded on it.
 */
public final class SurveyLinks {
    public static final String PURPOSE = "survey";
    public static final String PATH = "/crm/survey/";

    private final SignedTokens tokens;
    private final String publicBaseUrl;

    public SurveyLinks(SignedTokens tokens, String publicBaseUrl) {
        this.tokens = tokens;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public enum Refusal {
        /** not a token at all: 400 */
        MALFORMED,
        /** signature, purpose or subject do not check out: 403 */
        TAMPERED,
        /** past its expiry: 410 */
        EXPIRED
    }

    /** A checked token: either the invitation and the token's id, or why it was refused. */
    public record Verdict(long invitationId, String tokenId, Refusal refusal) {
        public boolean valid() {
            return refusal == null;
        }
    }

    public String issue(long invitationId, Instant expiresAt) {
        return tokens.issue(PURPOSE, Long.toString(invitationId), expiresAt);
    }

    public String link(long invitationId, Instant expiresAt) {
        return publicBaseUrl + PATH + issue(invitationId, expiresAt);
    }

    public Verdict verify(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 512) {
            return new Verdict(0, null, Refusal.MALFORMED);
        }
        SignedTokens.Claims claims;
        try {
            claims = tokens.verify(token, PURPOSE, now);
        } catch (SignedTokens.InvalidToken e) {
            String reason = String.valueOf(e.getMessage());
            return new Verdict(0, null, reason.equals("expired") ? Refusal.EXPIRED
                    : reason.equals("malformed") || reason.equals("missing") ? Refusal.MALFORMED : Refusal.TAMPERED);
        } catch (RuntimeException e) {
            // a body that decodes to garbage cannot have been signed by us
            return new Verdict(0, null, Refusal.TAMPERED);
        }
        try {
            return new Verdict(Long.parseLong(claims.subject()), claims.id(), null);
        } catch (NumberFormatException e) {
            return new Verdict(0, null, Refusal.TAMPERED);
        }
    }
}
