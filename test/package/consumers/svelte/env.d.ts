import type {} from 'price-ticker/svelte';
