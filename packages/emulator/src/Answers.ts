/**
 * The emulator's answer forms (docs/flow-api.md "Answer forms"), one writer each in ./answers:
 * `spec` (the default: what Flow's spec and sandbox-run suites show), and two stress forms for a
 * client's tolerance, `alternative` and `php`. Chosen by `start({ answerForm })`, the CLI's
 * `--answer-form`, or `POST /_admin/settings` while running.
 */
import { alternativeAnswers } from "./answers/alternative.js"
import type { AnswerForm, AnswerWriter } from "./answers/AnswerWriter.js"
import { phpAnswers } from "./answers/php.js"
import { specAnswers } from "./answers/spec.js"

export { ANSWER_FORMS, type AnswerForm, type AnswerWriter } from "./answers/AnswerWriter.js"
export { specAnswers }

const writers: Readonly<Record<AnswerForm, AnswerWriter>> = {
  spec: specAnswers,
  alternative: alternativeAnswers,
  php: phpAnswers
}

/** The writer of `form`. @since 0.2.0 */
export const answersIn = (form: AnswerForm): AnswerWriter => writers[form]
