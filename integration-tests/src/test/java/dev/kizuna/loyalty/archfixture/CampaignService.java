package dev.kizuna.loyalty.archfixture;

/** A service that uses Hibernate itself instead of its store. */
public class CampaignService {
    public Object load(org.hibernate.Session session, long id) {
        return session.find(Object.class, id);
    }
}
