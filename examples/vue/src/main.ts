// Importing the package defines <price-ticker>, before Vue renders one.
import 'price-ticker';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
