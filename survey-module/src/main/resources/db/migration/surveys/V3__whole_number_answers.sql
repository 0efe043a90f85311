-- A profile question can ask for a whole number (household size, children): INTEGER refuses 2.5.
ALTER TABLE profile_question DROP CONSTRAINT profile_question_answer_type_check;
ALTER TABLE profile_question ADD CONSTRAINT profile_question_answer_type_check
    CHECK (answer_type IN ('TEXT','DATE','SINGLE_CHOICE','MULTIPLE_CHOICE','NUMBER','INTEGER'));
-- The starter kit's household size is a count of people.
UPDATE profile_question SET answer_type = 'INTEGER' WHERE key = 'household_size' AND answer_type = 'NUMBER';
