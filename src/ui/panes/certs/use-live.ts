// A state value whose latest setting the input handler reads from a ref: keystrokes can arrive
// faster than React re-renders (a paste, a fast typist over SSH), and a handler closing over
// the last render's value would build every key on the same stale text.
import { useRef, useState } from 'react';

export function useLive<T>(initial: T): [T, (v: T) => void, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = (v: T) => {
    ref.current = v;
    setValue(v);
  };
  return [value, set, ref];
}
