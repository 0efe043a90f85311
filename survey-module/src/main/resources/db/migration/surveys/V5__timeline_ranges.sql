-- The customer timeline reads a member's newest survey answers and profile answers by time (invitations already
-- have their range): a member's responses were reachable by member only, profile answers by question.
CREATE INDEX survey_response_member_submitted ON survey_response (member_id, submitted_at) WHERE member_id IS NOT NULL;
CREATE INDEX profile_answer_member_answered ON profile_answer (member_id, answered_at);
