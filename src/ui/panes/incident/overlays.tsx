// The Incident pane's overlays, by view name (see ../spec.ts; open-overlay.ts opens them):
// the resume question at start, a one-line question (title, a reason, a note, dir...), and
// scrollable text (the report, a finding's evidence).
import type { OverlaySize } from '../spec.js';
import { AskLine } from './ask-line.js';
import type { AskProps } from './ask-line.js';
import { ResumePrompt } from './resume-prompt.js';
import type { ResumeProps } from './resume-prompt.js';
import { TextPager } from './text-pager.js';
import type { PagerProps } from './text-pager.js';

export const INCIDENT_OVERLAYS = {
  'incident-resume': (p: ResumeProps, { width }: OverlaySize) => <ResumePrompt {...p} width={width} />,
  // Keyed by its question: the next question (dir, then dbfilename) starts empty.
  'incident-ask': (p: AskProps, { width }: OverlaySize) => <AskLine key={p.title} {...p} width={width} />,
  'incident-text': (p: PagerProps, { width, height }: OverlaySize) => (
    <TextPager {...p} width={width} height={height} />
  ),
};
