package dev.kizuna.segment;

import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The core member mirror as segment listings read it, names and e-mails opened. */
final class MemberStore {

    record MemberInfo(long id, String customerRef, String displayName, String email, String locale) {
    }

    private static final String COLUMNS = "id, customer_ref, display_name, email, locale";

    private final SealedMembers sealed;

    MemberStore(SealedMembers sealed) {
        this.sealed = sealed;
    }

    private MemberInfo info(ResultSet rs) throws SQLException {
        String ref = rs.getString(2);
        return new MemberInfo(rs.getLong(1), ref, sealed.openName(ref, rs.getString(3)), sealed.openEmail(ref, rs.getString(4)),
                rs.getString(5));
    }

    List<MemberInfo> byIds(Tx tx, Long[] ids) {
        return tx.sql().list("SELECT " + COLUMNS + " FROM member WHERE id = ANY(?) ORDER BY id", this::info,
                tx.sql().longArray(ids));
    }

    Optional<MemberInfo> byCustomerRef(Tx tx, String customerRef) {
        return tx.sql().one("SELECT " + COLUMNS + " FROM member WHERE customer_ref = ?", this::info, customerRef);
    }
}
