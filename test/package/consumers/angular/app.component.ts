import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'price-ticker';
import type { PriceTickerErrorEvent, PriceTickerUpdateEvent } from 'price-ticker';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <price-ticker
      [coins]="coins"
      currency="eur"
      [paused]="count() > 3"
      (price-ticker-update)="onUpdate($event)"
      (price-ticker-error)="onError($event)"
    ></price-ticker>
    <price-ticker (price-ticker-update)="count.set($event.detail.quotes.length)"></price-ticker>
    <!-- Angular never type-checks bindings to DOM properties, and CUSTOM_ELEMENTS_SCHEMA lets any
         attribute through: these mistakes compile (the element warns at run time). Should Angular
         start checking them, this line fails the test and the README's Angular notes need updating. -->
    <price-ticker [colour]="'red'" source="coinmarketcap" [limit]="'ten'"></price-ticker>
    <!-- expect-error: an update is not an error event -->
    <price-ticker (price-ticker-update)="onError($event)"></price-ticker>
    <!-- expect-error: the update event has no prices -->
    <price-ticker (price-ticker-update)="count.set($event.detail.prices.length)"></price-ticker>
  `,
})
export class AppComponent {
  readonly coins = ['bitcoin', 'ethereum'];
  readonly count = signal(0);
  onUpdate(event: PriceTickerUpdateEvent): void {
    this.count.set(event.detail.quotes.length + event.detail.changed.length);
  }
  onError(event: PriceTickerErrorEvent): void {
    console.log(event.detail.retryIn, event.detail.status);
  }
}
