// Types `<price-ticker>` in Svelte markup for svelte-check: its attributes, properties and events.
import type {} from 'price-ticker/svelte';
