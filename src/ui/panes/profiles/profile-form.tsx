// The add/edit overlay of the Profiles pane.
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { profileFiles, withAbsolutePaths } from '../../../profiles/schema.js';
import { Form } from '../../components/form.js';
import type { FormValues } from '../../components/form.js';
import { fromValues, profileFields, toValues } from './form-model.js';

export function ProfileForm({
  editing,
  themes,
  width,
  height,
}: {
  editing?: string;
  themes: string[];
  width: number;
  height: number;
}) {
  const { actions } = useApp();
  const list = useAppState((s) => s.profiles.list);
  const previous = list.find((p) => p.name === editing);
  const [values, setValues] = useState(() => toValues(previous));
  const [error, setError] = useState<string>();
  const submit = async (latest: FormValues) => {
    const r = fromValues(latest, previous);
    if (!r.profile) return setError(r.error);
    if (r.profile.name !== editing && list.some((p) => p.name === r.profile?.name))
      return setError(`A profile named ${r.profile.name} exists: pick another name or edit it.`);
    const profile = withAbsolutePaths(r.profile, (f) => resolve(f));
    const missing = profileFiles(profile).filter((f) => !existsSync(f));
    const saved = await actions.profiles.save(profile, Boolean(editing), r.keyringSecret, editing);
    if (saved && missing.length)
      actions.ui.say(`Saved, but ${missing.join(', ')} does not exist (yet).`, 'warning');
    if (saved) actions.ui.close();
    else setError('Not saved: see the status line.');
  };
  return (
    <Form
      title={editing ? `Edit profile ${editing}` : 'New profile'}
      fields={profileFields(themes)}
      values={values}
      onChange={(v) => {
        setValues(v);
        setError(undefined);
      }}
      onSubmit={(v) => void submit(v)}
      onCancel={() => actions.ui.close()}
      error={error}
      width={width}
      height={height}
    />
  );
}
