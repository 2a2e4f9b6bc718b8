// One evaluation's summary (counts per domain, subjects checked per policy and domain,
// expression errors; JSON): the trend of a governance page and a report's `checked`.
CREATE (e:GovEvaluation {at: $at, duration_ms: $duration_ms, policies: $policies,
                         subjects: $subjects, counts: $counts, trigger: $trigger,
                         checked: $checked, errors: $errors})
RETURN e.at AS at
