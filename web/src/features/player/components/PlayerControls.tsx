import { formatClock } from '../keyboard';
import type { QualityLevel } from '../playerSlice';

export interface PlayerControlsProps {
  readonly idPrefix: string;
  readonly playing: boolean;
  readonly positionSec: number;
  readonly durationSec: number;
  readonly volume: number;
  readonly muted: boolean;
  readonly levels: readonly QualityLevel[];
  readonly quality: number;
  readonly activeLevel: number | null;
  readonly captionsAvailable: boolean;
  readonly captionsOn: boolean;
  readonly fullscreen: boolean;
  readonly visible: boolean;
  readonly onTogglePlay: () => void;
  readonly onSeek: (seconds: number) => void;
  readonly onVolume: (volume: number) => void;
  readonly onToggleMute: () => void;
  readonly onQuality: (levelIndex: number) => void;
  readonly onToggleCaptions: () => void;
  readonly onToggleFullscreen: () => void;
}

const levelName = (level: QualityLevel): string => `${level.height}p`;

/** The control bar: every control labelled, every one reachable by Tab and by a D-pad. */
export function PlayerControls(props: PlayerControlsProps) {
  const { idPrefix, levels, activeLevel } = props;
  const active = levels.find((l) => l.index === activeLevel);
  return (
    <div className="player__controls" data-visible={props.visible ? 'true' : 'false'}>
      <button type="button" className="player__button" onClick={props.onTogglePlay} aria-label={props.playing ? 'Pause (k)' : 'Play (k)'}>
        <span aria-hidden="true">{props.playing ? '❚❚' : '▶'}</span>
      </button>
      <input
        className="player__seek"
        type="range"
        aria-label="Seek"
        min={0}
        max={props.durationSec > 0 ? Math.floor(props.durationSec) : 0}
        step={1}
        value={Math.floor(props.positionSec)}
        aria-valuetext={`${formatClock(props.positionSec)} of ${formatClock(props.durationSec)}`}
        onChange={(event) => props.onSeek(Number(event.currentTarget.value))}
        disabled={!(props.durationSec > 0)}
      />
      <span className="player__time" aria-hidden="true">
        {formatClock(props.positionSec)} / {formatClock(props.durationSec)}
      </span>
      <button type="button" className="player__button" onClick={props.onToggleMute} aria-label={props.muted ? 'Unmute (m)' : 'Mute (m)'}>
        <span aria-hidden="true">{props.muted || props.volume === 0 ? '🔇' : '🔊'}</span>
      </button>
      <input
        className="player__volume"
        type="range"
        aria-label="Volume"
        min={0}
        max={1}
        step={0.05}
        value={props.muted ? 0 : props.volume}
        aria-valuetext={props.muted ? 'muted' : `${Math.round(props.volume * 100)}%`}
        onChange={(event) => props.onVolume(Number(event.currentTarget.value))}
      />
      {levels.length > 1 && (
        <>
          <label className="visually-hidden" htmlFor={`${idPrefix}-quality`}>
            Quality
          </label>
          <select
            id={`${idPrefix}-quality`}
            className="player__select"
            value={props.quality}
            onChange={(event) => props.onQuality(Number(event.currentTarget.value))}
          >
            <option value={-1}>{props.quality === -1 && active ? `Auto (${levelName(active)})` : 'Auto'}</option>
            {levels.map((level) => (
              <option key={level.index} value={level.index}>
                {levelName(level)}
              </option>
            ))}
          </select>
        </>
      )}
      <button
        type="button"
        className="player__button"
        onClick={props.onToggleCaptions}
        aria-pressed={props.captionsOn}
        disabled={!props.captionsAvailable}
        aria-label="Captions (c)"
      >
        <span aria-hidden="true">CC</span>
      </button>
      <button
        type="button"
        className="player__button"
        onClick={props.onToggleFullscreen}
        aria-label={props.fullscreen ? 'Exit full screen (f)' : 'Full screen (f)'}
      >
        <span aria-hidden="true">{props.fullscreen ? '⤡' : '⤢'}</span>
      </button>
    </div>
  );
}
