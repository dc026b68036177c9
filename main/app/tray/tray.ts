// The system tray: the pure menu (tray-menu.ts) and icon (tray-icon.ts) turned into Electron
// objects, rebuilt on every state change so labels, checks and the capture colour stay true.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { AppState } from '../../contracts/ipc.ts';
import { TRAY_ICON_SIZE, trayColour, trayIconBitmap } from './tray-icon.ts';
import { HEADSET_HINT, captureStatusLabel, trayMenu, type TrayItemId } from './tray-menu.ts';

export class AppTray {
  readonly #tray: Tray;
  readonly #onSelect: (id: TrayItemId) => void;

  constructor(state: AppState, onSelect: (id: TrayItemId) => void) {
    this.#onSelect = onSelect;
    this.#tray = new Tray(iconFor(state));
    this.update(state);
  }

  update(state: AppState): void {
    this.#tray.setImage(iconFor(state));
    this.#tray.setToolTip(`Klachtcoach: ${captureStatusLabel(state)}${state.headsetHint ? `\n${HEADSET_HINT}` : ''}`);
    const template: MenuItemConstructorOptions[] = trayMenu(state).map((item) => {
      if (item.kind === 'separator') return { type: 'separator' };
      const base: MenuItemConstructorOptions = {
        id: item.id,
        label: item.label,
        enabled: item.enabled,
        click: () => this.#onSelect(item.id),
      };
      if (item.accelerator !== undefined) base.accelerator = item.accelerator;
      if (item.checked !== undefined) return { ...base, type: 'checkbox', checked: item.checked };
      return base;
    });
    this.#tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  destroy(): void {
    this.#tray.destroy();
  }
}

function iconFor(state: AppState): Electron.NativeImage {
  return nativeImage.createFromBitmap(trayIconBitmap(trayColour(state)), { width: TRAY_ICON_SIZE, height: TRAY_ICON_SIZE });
}
