import type {} from 'price-ticker/vue';
